import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { Software } from '../software.entity';
import { NullableRef, NullableText, RequiredText, UuidFilter } from '../../../platform/http/field-decorators';

export class CreateSoftwareDto {
  @RequiredText(200, 'Microsoft Office')
  name: string;

  @NullableRef('the publishing organization')
  publisherId?: string | null;

  @NullableText(50, '2021')
  version?: string | null;
}

// skipNullProperties: false keeps null refused for the required fields of a PATCH.
export class UpdateSoftwareDto extends PartialType(CreateSoftwareDto, { skipNullProperties: false }) {}

export class SoftwareListQueryDto extends ListQueryDto {
  @UuidFilter()
  publisherId?: string;
}

export class SoftwareDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) publisherId: string | null;
  @ApiProperty({ type: String, nullable: true }) version: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ id, name, publisherId, version, createdAt, updatedAt }: Software): SoftwareDto {
    return { id, name, publisherId, version, createdAt, updatedAt };
  }
}
