import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../platform/access/auth-user';
import { TreeNode } from '../../catalog/tree';
import { OrgUnitsService } from '../../catalog/org-units/org-units.service';
import { SeatUsageRepository } from '../../licensing/seats/seat-usage.repository';
import {
  CostAccumulator,
  CostPart,
  CostRow,
  CurrencyTotal,
  chargebackParts,
  ownerPart,
} from './cost-aggregation';
import { CostGrouping, CostQueryDto, CostView } from './cost-query.dto';
import { CostLines, LicenseLine } from './cost-lines';
import { UnitRollup } from './unit-rollup';

export interface CostReport {
  parameters: {
    groupBy: CostGrouping;
    view: CostView;
    from: string | null;
    to: string | null;
    depth: number | null;
  };
  rows: CostRow[];
  totals: CurrencyTotal[];
}

const NONE: Record<Exclude<CostGrouping, 'orgUnit'>, string> = {
  software: '(no software)',
  supplier: '(no supplier)',
  category: '(no category)',
  month: '(no purchase date)',
};

/**
 * License costs grouped by org unit, software, supplier, category or purchase
 * month, per currency. The `use` view charges each seat's share to the org unit
 * of its holder and leaves unassigned seats with the owner as unused; for the
 * other groupings a seat's share has the line's group, so both views agree.
 */
@Injectable()
export class CostsService {
  constructor(
    private readonly lines: CostLines,
    private readonly seats: SeatUsageRepository,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  async report(actor: AuthUser, query: CostQueryDto): Promise<CostReport> {
    const groupBy = query.groupBy ?? 'orgUnit';
    const view = query.view ?? 'owner';
    const rollup = groupBy === 'orgUnit' ? await this.rollup(query.depth) : null;
    const acc = new CostAccumulator();
    for await (const batch of this.lines.batches(actor, query)) {
      const holders =
        rollup && view === 'use' ? await this.seats.holderUnits(batch.map((l) => l.licenseId)) : undefined;
      for (const line of batch) acc.add(line, this.parts(line, groupBy, rollup, holders));
    }
    return {
      parameters: {
        groupBy,
        view,
        from: query.from ?? null,
        to: query.to ?? null,
        depth: query.depth ?? null,
      },
      ...acc.result(),
    };
  }

  private parts(
    line: LicenseLine,
    groupBy: CostGrouping,
    rollup: UnitRollup | null,
    holders?: Map<string, (string | null)[]>,
  ): CostPart[] {
    if (rollup) {
      const owner = rollup.groupOf(line.orgUnitId);
      if (!holders) return [ownerPart(line, owner)];
      const held = (holders.get(line.licenseId) ?? []).map((unit) => rollup.groupOf(unit));
      return chargebackParts(line, held, `${owner} (unused)`);
    }
    return [ownerPart(line, this.groupOf(line, groupBy as Exclude<CostGrouping, 'orgUnit'>))];
  }

  private groupOf(line: LicenseLine, groupBy: Exclude<CostGrouping, 'orgUnit'>): string {
    const value = {
      software: line.softwareName,
      supplier: line.supplierName,
      category: line.categoryName,
      month: line.purchaseDate?.slice(0, 7) ?? null,
    }[groupBy];
    return value ?? NONE[groupBy];
  }

  private async rollup(depth?: number): Promise<UnitRollup> {
    return new UnitRollup(everyNode(await this.orgUnits.tree()), depth);
  }
}

/** The nodes of a tree, each once. */
function everyNode<T>(nodes: TreeNode<T>[]): T[] {
  return nodes.flatMap((node) => [node, ...everyNode(node.children)]);
}
