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

/**
 * Keeps rows whose searched columns, joined by spaces, contain `q` (case-insensitive,
 * literally): "Ann Lee" finds first name Ann, last name Lee. One expression, so one
 * trigram index on exactly it (migration SearchIndexes) serves the search.
 */
export function applySearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  q: string | undefined,
  columns: string[],
) {
  const text = q?.trim();
  if (text && columns.length) qb.andWhere(`${searchExpression(columns)} ILIKE :q`, { q: likePattern(text) });
  return qb;
}

/** The searched text of a row: its columns, blanks for nulls, joined by spaces. */
export function searchExpression(columns: string[]): string {
  return `(${columns.map((column) => `coalesce(${column}, '')`).join(` || ' ' || `)})`;
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

  const total = await qb.getCount();
  const offset = (page - 1) * pageSize;
  if (offset >= total) return { items: [], total, page, pageSize };
  // The page's ids first, sorting only the sort key and the id (an index-only scan where an
  // index fits), then their rows: a deep page no longer sorts every full row of the table.
  const ids: unknown[] = (
    await qb.clone().select(`${alias}.id`, 'id').offset(offset).limit(pageSize).getRawMany<{ id: unknown }>()
  ).map((row) => row.id);
  const rows = await qb.clone().orderBy().andWhereInIds(ids).getMany();
  const position = new Map(ids.map((id, at) => [String(id), at]));
  const items = rows.sort((a, b) => position.get(String(a.id))! - position.get(String(b.id))!);
  return { items, total, page, pageSize };
}

export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, items: page.items.map(map) };
}
