import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LocationsService } from '../../catalog/locations/locations.service';
import type { ImportColumn, ImportSpec, RefKind } from './import-columns';
import type { ParsedRow, Problems } from './import-rows';

/** A record found by its natural key, or why none could be picked. */
export type Resolution = { id: string } | { problem: string };

interface Candidate {
  id: string;
  key: string;
  version?: string | null;
}

/** Natural keys: what each kind is looked up by, and how a problem names it. */
const LOOKUPS: Record<Exclude<RefKind, 'location'>, { sql: string; what: string; by: string }> = {
  orgUnit: { sql: 'SELECT id, code AS key FROM org_units', what: 'org unit', by: 'code' },
  organization: { sql: 'SELECT id, name AS key FROM organizations', what: 'organization', by: 'name' },
  category: { sql: 'SELECT id, name AS key FROM license_categories', what: 'license category', by: 'name' },
  software: { sql: 'SELECT id, name AS key, version FROM software', what: 'software', by: 'name' },
  person: { sql: 'SELECT id, email AS key FROM persons', what: 'person', by: 'email' },
  asset: { sql: 'SELECT id, inventory_number AS key FROM assets', what: 'asset', by: 'inventory number' },
  license: { sql: 'SELECT id, name AS key FROM licenses', what: 'license', by: 'name' },
};

const KEY_COLUMN: Record<keyof typeof LOOKUPS, string> = {
  orgUnit: 'code',
  organization: 'name',
  category: 'name',
  software: 'name',
  person: 'email',
  asset: 'inventory_number',
  license: 'name',
};

const fold = (s: string) => s.toLowerCase();

/**
 * The one record among `candidates` whose key is `value`: the exact spelling
 * first, else the only one equal apart from case. None or several is a problem.
 */
export function pick<C extends { id: string; key: string }>(
  candidates: readonly C[],
  value: string,
): C | 'none' | 'several' {
  const exact = candidates.filter((c) => c.key === value);
  if (exact.length === 1) return exact[0];
  const folded = candidates.filter((c) => fold(c.key) === fold(value));
  if (folded.length === 1) return folded[0];
  return folded.length ? 'several' : 'none';
}

/**
 * Resolves the reference columns of a whole file with one query per kind of
 * record (locations: one query for every path), in the import's transaction.
 */
@Injectable()
export class ReferenceResolver {
  constructor(private readonly locations: LocationsService) {}

  /** Puts the id of each filled reference cell into `values`, or reports the problem for its row. */
  async resolve(
    manager: EntityManager,
    spec: ImportSpec,
    rows: readonly ParsedRow[],
    problems: Problems,
  ): Promise<void> {
    const columns = spec.columns.filter((c) => c.kind === 'ref' && c.ref);
    const kinds = new Set(columns.map((c) => c.ref as RefKind));
    for (const kind of kinds) {
      const ofKind = columns.filter((c) => c.ref === kind);
      const keys = new Set<string>();
      for (const row of rows) {
        for (const c of ofKind)
          if (typeof row.values[c.field] === 'string') keys.add(row.values[c.field] as string);
      }
      if (!keys.size) continue;
      const resolve = await this.lookup(manager, kind, [...keys]);
      for (const row of rows) {
        for (const column of ofKind) this.apply(row, column, resolve, problems);
      }
    }
  }

  private apply(
    row: ParsedRow,
    column: ImportColumn,
    resolve: (key: string, row: ParsedRow) => Resolution,
    problems: Problems,
  ): void {
    const key = row.values[column.field];
    if (typeof key !== 'string') return;
    const found = resolve(key, row);
    if ('id' in found) row.values[column.field] = found.id;
    else {
      delete row.values[column.field];
      problems.add(row.row, column, row.raw[column.field], found.problem);
    }
  }

  /** One query for `keys`; answers a resolver for each key (and row: the software's version). */
  private async lookup(
    manager: EntityManager,
    kind: RefKind,
    keys: string[],
  ): Promise<(key: string, row: ParsedRow) => Resolution> {
    if (kind === 'location') {
      const found = await this.locations.idsByPaths(keys, manager);
      const byPath = new Map(keys.map((k, i) => [k, found[i]]));
      return (path) => {
        const ids = byPath.get(path) ?? [];
        if (ids.length === 1) return { id: ids[0] };
        return {
          problem: ids.length
            ? `Several locations have the path "${path}".`
            : `No location has the path "${path}" (levels from the top, separated by "/").`,
        };
      };
    }
    const { sql, what, by } = LOOKUPS[kind];
    const candidates: Candidate[] = await manager.query(
      `${sql} WHERE lower(${KEY_COLUMN[kind]}) = ANY($1::text[])`,
      [[...new Set(keys.map(fold))]],
    );
    const byKey = new Map<string, Candidate[]>();
    for (const c of candidates) byKey.set(fold(c.key), [...(byKey.get(fold(c.key)) ?? []), c]);
    const unknown = (key: string) => ({ problem: `No ${what} has the ${by} "${key}".` });

    if (kind === 'software') {
      return (name, row) => {
        const all = byKey.get(fold(name)) ?? [];
        const version = row.values.softwareVersion;
        if (!all.length) return unknown(name);
        if (typeof version === 'string' || version === null) {
          // null: "(none)" in Software version, the one without a version.
          const versions = all.filter((c) => fold(c.version ?? '') === fold(version ?? ''));
          const found = pick(versions, name);
          if (typeof found === 'object') return { id: found.id };
          return {
            problem:
              version === null
                ? `Every software "${name}" has a version: fill in Software version.`
                : `No software "${name}" has the version "${version}".`,
          };
        }
        const found = pick(all, name);
        if (typeof found === 'object') return { id: found.id };
        if (found === 'none') return unknown(name);
        const versions = all.map((c) => c.version ?? '(none)').join(', ');
        return { problem: `Several versions of "${name}" exist (${versions}): fill in Software version.` };
      };
    }
    return (key) => {
      const found = pick(byKey.get(fold(key)) ?? [], key);
      if (typeof found === 'object') return { id: found.id };
      return found === 'none'
        ? unknown(key)
        : { problem: `More than one ${what} has the ${by} "${key}" apart from case: write it exactly.` };
    };
  }
}
