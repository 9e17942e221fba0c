import { Injectable } from '@nestjs/common';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { LicenseFilters } from '../licenses/dto/license.dto';
import { LICENSE_LINE_SQL, LicenseLinesRepository, LicenseRow } from '../licenses/license-lines.repository';

/** What the compliance query reads per license: its use and the counts behind the findings. */
export interface LicenseUsageRow {
  id: string;
  name: string;
  metric: string;
  quantity: number;
  used_seats: number;
  expiration_date: string | null;
  active_devices: number;
  max_activations: number | null;
  inactive_holders: number;
  retired_holders: number;
  out_of_scope: number;
  over_activation: number;
}

/** CTEs `unit_ancestors` and `unit_paths`: each org unit with its ancestors (itself included). */
const UNIT_PATHS = `unit_ancestors (unit_id, ancestor_id) AS (
         SELECT id, id FROM org_units
         UNION
         SELECT ua.unit_id, o.parent_id FROM unit_ancestors ua
           JOIN org_units o ON o.id = ua.ancestor_id WHERE o.parent_id IS NOT NULL
       ),
       -- Each unit with all its ancestors in one array: a hash join on the holder's unit, where a
       -- NOT EXISTS over the recursive CTE scanned it once per seat (a minute at 300,000 seats).
       unit_paths AS (SELECT unit_id, array_agg(ancestor_id) AS ancestors FROM unit_ancestors GROUP BY unit_id)`;

/** CTE `facts`: the per-license counts behind the findings, over the seats of the licenses in CTE `licensesOf` (column `l_id`). */
const FACTS = (licensesOf: string) => `facts AS (
         SELECT s.license_id,
           count(*) FILTER (WHERE p.active = false)::int AS inactive_holders,
           count(*) FILTER (WHERE a.status = 'retired')::int AS retired_holders,
           count(*) FILTER (WHERE l.org_unit_id IS NOT NULL
             AND NOT l.org_unit_id = ANY (coalesce(up.ancestors, '{}')))::int AS out_of_scope,
           count(*) FILTER (WHERE s.active_devices > l.max_activations_per_user)::int AS over_activation
         FROM license_seats s
         JOIN licenses l ON l.id = s.license_id
         LEFT JOIN persons p ON p.id = s.person_id
         LEFT JOIN assets a ON a.id = s.asset_id
         LEFT JOIN unit_paths up ON up.unit_id = coalesce(p.org_unit_id, a.org_unit_id)
         WHERE s.released_at IS NULL AND s.license_id IN (SELECT l_id FROM ${licensesOf})
         GROUP BY s.license_id
       )`;

const COLUMNS = `l.id, l.name, l.metric, l.quantity, l.used_seats, l.expiration_date, l.active_devices,
         l.max_activations, coalesce(f.inactive_holders, 0) AS inactive_holders,
         coalesce(f.retired_holders, 0) AS retired_holders, coalesce(f.out_of_scope, 0) AS out_of_scope,
         coalesce(f.over_activation, 0) AS over_activation`;

/**
 * How the seats of licenses are used, for the reports: whose org unit holds each
 * seat (chargeback), and per license the holders that are inactive, retired, outside
 * the license's org unit or over the activation limit (compliance). Each is one
 * statement over seats, their holders and the org-unit tree.
 */
@Injectable()
export class SeatUsageRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly licenses: LicenseLinesRepository,
  ) {}

  /** The org unit of each seat's holder per license, seats in assignment order. */
  async holderUnits(licenseIds: string[]): Promise<Map<string, (string | null)[]>> {
    const rows: { license_id: string; unit_id: string | null }[] = await this.db.manager.query(
      `SELECT s.license_id, coalesce(p.org_unit_id, a.org_unit_id) AS unit_id
       FROM license_seats s
       LEFT JOIN persons p ON p.id = s.person_id
       LEFT JOIN assets a ON a.id = s.asset_id
       WHERE s.released_at IS NULL AND s.license_id = ANY($1)
       ORDER BY s.license_id, s.assigned_at, s.id`,
      [licenseIds],
    );
    const units = new Map<string, (string | null)[]>();
    for (const r of rows) {
      const list = units.get(r.license_id) ?? [];
      list.push(r.unit_id);
      units.set(r.license_id, list);
    }
    return units;
  }

  /**
   * One page of the licenses matching the filters, by name then id, with their use
   * counts and `total` (the count of all pages); with `onlyFindings` only those with
   * at least one finding (the rules of complianceFindings, as a condition).
   */
  async usagePage(
    actor: AuthUser,
    query: LicenseFilters & { onlyFindings?: boolean },
    today: string,
    page: { limit: number; offset: number },
  ): Promise<(LicenseUsageRow & { total: string })[]> {
    const [scopedSql, params] = this.licenses
      .filtered(actor, query, today)
      .select('l.id')
      .getQueryAndParameters();
    const p = (value: unknown) => `$${params.push(value)}`;
    const onlyFindings = query.onlyFindings
      ? `WHERE (l.expiration_date < ${p(today)}::date AND l.used_seats > 0) OR l.used_seats > l.quantity
           OR f.inactive_holders > 0 OR f.retired_holders > 0 OR f.out_of_scope > 0 OR f.over_activation > 0
           OR (l.max_activations IS NOT NULL AND l.active_devices > l.max_activations)`
      : '';
    return this.db.manager.query(
      `WITH RECURSIVE ${UNIT_PATHS},
       scoped AS (${scopedSql}),
       ${FACTS('scoped')}
       SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM licenses l
       JOIN scoped ON scoped.l_id = l.id
       LEFT JOIN facts f ON f.license_id = l.id
       ${onlyFindings}
       ORDER BY l.name, l.id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`,
      params,
    );
  }

  /**
   * One keyset batch (name, id) of the licenses matching the filters with their use
   * counts, counted over the batch's seats only; `withLines` adds the license line's
   * columns (LICENSE_LINE_SQL) to each row.
   */
  async usageBatch(
    actor: AuthUser,
    query: LicenseFilters,
    today: string,
    batch: { after: { afterName: string; afterId: string } | null; limit: number; withLines: boolean },
  ): Promise<(LicenseUsageRow & LicenseRow)[]> {
    const qb = this.licenses
      .filtered(actor, query, today)
      .select('l.id')
      .orderBy('l.name')
      .addOrderBy('l.id')
      .limit(batch.limit);
    if (batch.after) qb.andWhere('(l.name, l.id) > (:afterName, CAST(:afterId AS uuid))', batch.after);
    const [batchSql, params] = qb.getQueryAndParameters();
    const { withLines } = batch;
    return this.db.manager.query(
      `WITH RECURSIVE ${UNIT_PATHS},
         batch AS (${batchSql}),
         ${FACTS('batch')}
         SELECT ${COLUMNS}${withLines ? `, ${LICENSE_LINE_SQL.columns}` : ''}
         FROM licenses l
         JOIN batch ON batch.l_id = l.id
         LEFT JOIN facts f ON f.license_id = l.id
         ${withLines ? LICENSE_LINE_SQL.joins : ''}
         ORDER BY l.name, l.id`,
      params,
    );
  }
}
