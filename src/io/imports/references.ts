import { Injectable } from '@nestjs/common';
import { LicenseCategoriesRepository } from '../../catalog/license-categories/license-categories.repository';
import { LocationsService } from '../../catalog/locations/locations.service';
import { OrganizationsRepository } from '../../catalog/organizations/organizations.repository';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { SoftwareRepository } from '../../catalog/software/software.repository';
import { AssetsRepository } from '../../inventory/assets/assets.repository';
import { PersonsRepository } from '../../inventory/persons/persons.repository';
import { LicensesRepository } from '../../licensing/licenses/licenses.repository';
import type { ImportColumn, ImportSpec, RefKind } from './import-columns';
import type { ParsedRow, Problems } from './import-rows';

/** A record found by its natural key, or why none could be picked. */
export type Resolution = { id: string } | { problem: string };

interface Candidate {
  id: string;
  key: string;
  version?: string | null;
}

/** How a kind of record is looked up by its natural key (one query for a file's keys), and how a problem names it. */
interface Lookup {
  find(foldedKeys: string[]): Promise<Candidate[]>;
  what: string;
  by: string;
}

type KeyedRow<F extends string> = { id: string; version?: string | null } & Record<F, string>;

/** A lookup through the owner's repository (`find`), whose rows hold the key in `field`. */
function lookup<F extends string>(
  what: string,
  by: string,
  field: F,
  find: (foldedKeys: string[]) => Promise<KeyedRow<F>[]>,
): Lookup {
  return {
    what,
    by,
    find: async (keys) => (await find(keys)).map((r) => ({ id: r.id, key: r[field], version: r.version })),
  };
}

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
  private readonly lookups: Record<Exclude<RefKind, 'location'>, Lookup>;

  constructor(
    private readonly locations: LocationsService,
    orgUnits: OrgUnitsRepository,
    organizations: OrganizationsRepository,
    categories: LicenseCategoriesRepository,
    software: SoftwareRepository,
    persons: PersonsRepository,
    assets: AssetsRepository,
    licenses: LicensesRepository,
  ) {
    this.lookups = {
      orgUnit: lookup('org unit', 'code', 'code', (keys) => orgUnits.findKeys(keys, 'code')),
      organization: lookup('organization', 'name', 'name', (keys) => organizations.findKeys(keys, 'name')),
      category: lookup('license category', 'name', 'name', (keys) => categories.findKeys(keys, 'name')),
      software: lookup('software', 'name', 'name', (keys) => software.findKeys(keys, 'name', 'version')),
      person: lookup('person', 'email', 'email', (keys) => persons.findKeys(keys, 'email')),
      asset: lookup('asset', 'inventory number', 'inventoryNumber', (keys) =>
        assets.findKeys(keys, 'inventoryNumber'),
      ),
      license: lookup('license', 'name', 'name', (keys) => licenses.findNames(keys)),
    };
  }

  /** Puts the id of each filled reference cell into `values`, or reports the problem for its row. */
  async resolve(spec: ImportSpec, rows: readonly ParsedRow[], problems: Problems): Promise<void> {
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
      const resolve = await this.lookup(kind, [...keys]);
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
  private async lookup(kind: RefKind, keys: string[]): Promise<(key: string, row: ParsedRow) => Resolution> {
    if (kind === 'location') {
      const found = await this.locations.idsByPaths(keys);
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
    const { find, what, by } = this.lookups[kind];
    const candidates = await find([...new Set(keys.map(fold))]);
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
