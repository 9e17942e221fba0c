import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';
import { ListQueryDto } from '../../../platform/http/list-query.dto';
import {
  BooleanFilter,
  IsText,
  NullableRef,
  NullableText,
  OptionalNotNull,
  RequiredText,
  Trim,
  UuidFilter,
} from '../../../platform/http/field-decorators';
import { Person } from '../person.entity';

export class CreatePersonDto {
  @RequiredText(100, 'Ann')
  firstName: string;

  @RequiredText(100, 'Lee')
  lastName: string;

  @ApiProperty({ example: 'ann.lee@example.com', description: 'unique, case-insensitively' })
  @Trim()
  @MaxLength(254)
  @IsEmail() // nearest the property: checked first
  email: string;

  @NullableText(50, 'E-1042')
  employeeNumber?: string | null;

  @NullableRef()
  orgUnitId?: string | null;

  @NullableRef()
  locationId?: string | null;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

// skipNullProperties: false keeps null refused for the required fields of a PATCH.
export class UpdatePersonDto extends PartialType(CreatePersonDto, { skipNullProperties: false }) {}

export class PersonListQueryDto extends ListQueryDto {
  @UuidFilter()
  orgUnitId?: string;

  @UuidFilter()
  locationId?: string;

  @BooleanFilter()
  active?: boolean;

  @ApiPropertyOptional({ description: 'exact match, case-insensitive' })
  @IsOptional()
  @Trim()
  @IsText(254)
  email?: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) employeeNumber: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) orgUnitId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) locationId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from(person: Person): PersonDto {
    const {
      id,
      firstName,
      lastName,
      email,
      employeeNumber,
      orgUnitId,
      locationId,
      active,
      createdAt,
      updatedAt,
    } = person;
    return {
      id,
      firstName,
      lastName,
      email,
      employeeNumber,
      orgUnitId,
      locationId,
      active,
      createdAt,
      updatedAt,
    };
  }
}
