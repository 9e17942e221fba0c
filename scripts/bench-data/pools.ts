import { Asset, License, OrgUnit, Person } from './model';

/** Asset kinds a per_device license can go on: desktop software, or server software. */
const CLIENT_KINDS = new Set(['laptop', 'desktop', 'virtual_machine']);
const SERVER_KINDS = new Set(['server', 'virtual_machine']);

/**
 * Who may hold a seat of a license: persons (per_user) or assets (per_device) on
 * the license's unit or below it (everyone for a license without a unit), the
 * domain's scope rule. `current` holders are active persons and assets not
 * retired (the ones that may take a seat now); past holders may be either.
 * Each pool is computed once per unit and kind and then shared.
 */
export class HolderPools {
  private readonly cache = new Map<string, number[]>();
  /** Per group and currency: the holders directly on each unit, found in one pass. */
  private readonly direct = new Map<string, number[][]>();

  constructor(
    private readonly persons: Person[],
    private readonly assets: Asset[],
    private readonly subtree: number[][],
  ) {}

  for(license: License, current: boolean): number[] {
    const group: Group = license.metric === 'per_user' ? 'person' : license.serverOnly ? 'server' : 'client';
    const key = `${group}|${license.orgUnit ?? 'all'}|${current}`;
    let pool = this.cache.get(key);
    if (!pool) {
      const byUnit = this.byUnit(group, current);
      const units = license.orgUnit === null ? byUnit.map((_, u) => u) : this.subtree[license.orgUnit];
      pool = units.flatMap((u) => byUnit[u]);
      this.cache.set(key, pool);
    }
    return pool;
  }

  private byUnit(group: Group, current: boolean): number[][] {
    const key = `${group}|${current}`;
    let lists = this.direct.get(key);
    if (!lists) {
      const out: number[][] = this.subtree.map(() => []);
      if (group === 'person') {
        this.persons.forEach((p, i) => (!current || p.active) && out[p.orgUnit].push(i));
      } else {
        const kinds = group === 'server' ? SERVER_KINDS : CLIENT_KINDS;
        this.assets.forEach(
          (a, i) => kinds.has(a.kind) && (!current || a.status !== 'retired') && out[a.orgUnit].push(i),
        );
      }
      this.direct.set(key, (lists = out));
    }
    return lists;
  }
}

type Group = 'person' | 'server' | 'client';

/** Units inside `root`'s subtree, for "is this holder under the department head". */
export function unitsUnder(units: OrgUnit[], subtree: number[][], code: string): Set<number> {
  const root = units.findIndex((u) => u.code === code);
  return new Set(root >= 0 ? subtree[root] : []);
}
