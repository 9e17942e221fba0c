import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { TreeListQueryDto } from '../../tree';
import { RequiredText } from '../../../platform/http/field-decorators';
import { OrgUnit } from '../org-unit.entity';

export class CreateOrgUnitDto {
  @RequiredText(200, 'Finance')
  name: string;

  @RequiredText(50, 'FIN', 'unique over all org units, ignoring case')
  code: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the parent node; null or absent for a top-level unit',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "on create, a unit with a parent and no organizationId inherits the parent's organization",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}

// null is refused for name and code (they are required columns) but still clears parentId and organizationId.
export class UpdateOrgUnitDto extends PartialType(CreateOrgUnitDto, { skipNullProperties: false }) {}

export class OrgUnitListQueryDto extends TreeListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class OrgUnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() code: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ id, name, code, parentId, organizationId, createdAt, updatedAt }: OrgUnit): OrgUnitDto {
    return { id, name, code, parentId, organizationId, createdAt, updatedAt };
  }
}

export class OrgUnitTreeDto extends OrgUnitDto {
  @ApiProperty({ type: () => [OrgUnitTreeDto], description: 'child units, sorted by name' })
  children: OrgUnitTreeDto[];
}
