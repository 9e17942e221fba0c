import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE_SIZE, PageRequest } from '@libs/pagination';
import { HasNoNul } from './field-decorators';

/** `?page=1&pageSize=50&sort=-name&q=text`, shared by every list route. */
export class ListQueryDto implements PageRequest {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'field to sort by; prefix with - for descending', example: '-name' })
  @IsOptional()
  @Matches(/^-?[a-zA-Z]+$/, { message: 'sort must be a field name, optionally prefixed with -' })
  sort?: string;

  @ApiPropertyOptional({ description: 'free-text search' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @HasNoNul()
  q?: string;
}
