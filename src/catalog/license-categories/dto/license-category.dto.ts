import { ApiProperty, PartialType } from '@nestjs/swagger';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import { RequiredText } from '../../../platform/http/field-decorators';
import { LicenseCategory } from '../license-category.entity';

export class CreateLicenseCategoryDto {
  @RequiredText(100, 'Volume', 'unique, ignoring case')
  name: string;
}

// skipNullProperties: false keeps `{"name": null}` a 400 instead of a NOT NULL violation.
export class UpdateLicenseCategoryDto extends PartialType(CreateLicenseCategoryDto, {
  skipNullProperties: false,
}) {}

export class LicenseCategoryListQueryDto extends ListQueryDto {}

export class LicenseCategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ id, name, createdAt, updatedAt }: LicenseCategory): LicenseCategoryDto {
    return { id, name, createdAt, updatedAt };
  }
}
