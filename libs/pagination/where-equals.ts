import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Adds `alias.field = :field` for every filter that was given. Field names come from the
 * calling service (entity property names), never from the client.
 */
export function whereEquals<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  filters: Record<string, string | boolean | undefined>,
): SelectQueryBuilder<T> {
  for (const [field, value] of Object.entries(filters)) {
    if (value !== undefined) qb.andWhere(`${qb.alias}.${field} = :${field}`, { [field]: value });
  }
  return qb;
}

/**
 * Keeps the rows whose `field`, lower-cased, is one of `foldedKeys` (lower-cased by the
 * caller): records looked up by a natural key compared regardless of case.
 */
export function whereFolded<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  field: string,
  foldedKeys: readonly string[],
): SelectQueryBuilder<T> {
  return qb.andWhere(`lower(${qb.alias}.${field}) = ANY(:foldedKeys)`, { foldedKeys });
}
