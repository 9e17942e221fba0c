import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { TreeListQueryDto } from '../../tree';
import { RequiredText } from '../../../platform/http/field-decorators';
import { Location } from '../location.entity';

/** Separates the levels of a location path: `Germany/Berlin/HQ`. */
export const PATH_SEPARATOR = '/';

export class CreateLocationDto {
  // a name holding the separator would make paths ambiguous (checked after the text rules below it)
  @Matches(/^[^/]*$/, { message: `name must not contain "${PATH_SEPARATOR}"` })
  @RequiredText(200, 'Berlin', `may not contain "${PATH_SEPARATOR}"`)
  name: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'the parent node; null or absent for a top-level location',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
}

// null is refused for name (a required column) but still moves a location to the top level.
export class UpdateLocationDto extends PartialType(CreateLocationDto, { skipNullProperties: false }) {}

export class LocationListQueryDto extends TreeListQueryDto {}

export class LocationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static from({ id, name, parentId, createdAt, updatedAt }: Location): LocationDto {
    return { id, name, parentId, createdAt, updatedAt };
  }
}

export class LocationTreeDto extends LocationDto {
  @ApiProperty({ type: () => [LocationTreeDto], description: 'child locations, sorted by name' })
  children: LocationTreeDto[];
}
