import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationError } from '@libs/errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  page?: number;
  pageSize?: number;
  sort?: string;
  q?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * How one entity's list may be sorted and searched: the API's sort names mapped to
 * SQL expressions of the query builder, and the columns `q` looks into.
 */
export interface ListSpec {
  sortable: Record<string, string>;
  defaultSort: string;
  searchable: string[];
}

/** Escapes LIKE wildcards so `q` is matched literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Keeps rows where any of the columns contains `q` (case-insensitive, literally). */
export function applySearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  q: string | undefined,
  columns: string[],
) {
  const text = q?.trim();
  if (text && columns.length)
    qb.andWhere(`(${columns.map((col) => `${col} ILIKE :q`).join(' OR ')})`, { q: likePattern(text) });
  return qb;
}

/**
 * Applies `q`, `sort` and paging to a query builder and runs it. The sort always
 * ends on the primary key (in `idOrder`) so pages are stable.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  request: PageRequest,
  spec: ListSpec,
  idOrder: 'ASC' | 'DESC' = 'ASC',
): Promise<Page<T>> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const alias = qb.alias;

  applySearch(qb, request.q, spec.searchable);

  const sort = request.sort ?? spec.defaultSort;
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const column = spec.sortable[field];
  if (!column) {
    throw new ValidationError(`Cannot sort by "${field}".`, {
      sort: [`must be one of: ${Object.keys(spec.sortable).join(', ')} (prefix - for descending)`],
    });
  }
  qb.orderBy(column, descending ? 'DESC' : 'ASC', 'NULLS LAST').addOrderBy(`${alias}.id`, idOrder);

  qb.skip((page - 1) * pageSize).take(pageSize);
  const [items, total] = await qb.getManyAndCount();
  return { items, total, page, pageSize };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
