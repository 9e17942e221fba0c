import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `{items, total, page, pageSize}` for a given item type. */
export function PageDto<T>(item: Type<T>) {
  class PageOf {
    @ApiProperty({ type: [item] })
    items: T[];

    @ApiProperty({ type: 'integer', description: 'items matching, over all pages' })
    total: number;

    @ApiProperty({ type: 'integer' })
    page: number;

    @ApiProperty({ type: 'integer' })
    pageSize: number;
  }
  Object.defineProperty(PageOf, 'name', { value: `PageOf${item.name}` });
  return PageOf;
}
