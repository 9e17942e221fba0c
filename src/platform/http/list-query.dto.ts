import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PAGE_SIZE, PageRequest } from '@libs/pagination';
import { HasNoNul, IsWholeNumber } from './field-decorators';

/**
 * The last page any list can have: its first row's offset, (page - 1) × pageSize, stays an
 * exact JavaScript integer and fits PostgreSQL's bigint OFFSET (a larger page was a 500).
 */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE);

/** `?page=1&pageSize=50&sort=-name&q=text`, shared by every list route. */
export class ListQueryDto implements PageRequest {
  @ApiPropertyOptional({ type: 'integer', default: 1, minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: MAX_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsWholeNumber(1, MAX_PAGE_SIZE)
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
