interface UnitRow {
  id: string;
  name: string;
  code: string;
  parentId: string | null;
}

/**
 * Names org units for the cost report, rolled up to a tree level: with depth 1,
 * a team or department counts under its division (depth 0 is the root company).
 * Units above the level keep their own name.
 */
export class UnitRollup {
  private readonly units: Map<string, UnitRow>;

  constructor(
    rows: UnitRow[],
    private readonly depth?: number,
  ) {
    this.units = new Map(rows.map((r) => [r.id, r]));
  }

  groupOf(unitId: string | null): string {
    if (!unitId) return NO_UNIT;
    const chain = this.chain(unitId);
    const at =
      this.depth === undefined ? chain[chain.length - 1] : chain[Math.min(this.depth, chain.length - 1)];
    // Codes are unique, names need not be: the code keeps two "IT" units apart.
    return at ? `${at.name} (${at.code})` : NO_UNIT;
  }

  /** Root first. A cycle cannot exist (moves are checked), but the walk is bounded anyway. */
  private chain(unitId: string): UnitRow[] {
    const chain: UnitRow[] = [];
    for (
      let u = this.units.get(unitId);
      u && chain.length < 1000;
      u = u.parentId ? this.units.get(u.parentId) : undefined
    ) {
      chain.unshift(u);
    }
    return chain;
  }
}

export const NO_UNIT = '(no org unit)';
