import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RequiredText } from '../../../platform/http/field-decorators';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { Organization, ORGANIZATION_KINDS, OrganizationKind } from '../organization.entity';

export class CreateOrganizationDto {
  @RequiredText(200, 'Acme GmbH', 'unique, ignoring case')
  name: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind: OrganizationKind;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto, {
  skipNullProperties: false,
}) {}

export class OrganizationListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_KINDS })
  @IsOptional()
  @IsIn(ORGANIZATION_KINDS)
  kind?: OrganizationKind;
}

export class OrganizationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind: OrganizationKind;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ id, name, kind, createdAt, updatedAt }: Organization): OrganizationDto {
    return { id, name, kind, createdAt, updatedAt };
  }
}
