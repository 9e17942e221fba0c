import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PAGE_SIZE, Page } from '@libs/pagination';
import { AuthUser } from '../platform/access/auth-user';
import { LicensesService } from '../licensing/licenses/licenses.service';
import { licenseStatus, todayIso } from '../licensing/licenses/license-status';
import { complianceFindings } from './compliance-findings';
import { LICENSE_LINE_SQL, LicenseLine, LineRow, licenseLine } from './costs/cost-lines';
import { ComplianceQueryDto, ComplianceRowDto } from './dto/compliance.dto';

interface Row {
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
  total?: string;
}

export const COMPLIANCE_BATCH = 1000;

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

const { columns: LINE_COLUMNS, joins: LINE_JOINS } = LICENSE_LINE_SQL;

const COLUMNS = `l.id, l.name, l.metric, l.quantity, l.used_seats, l.expiration_date, l.active_devices,
         l.max_activations, coalesce(f.inactive_holders, 0) AS inactive_holders,
         coalesce(f.retired_holders, 0) AS retired_holders, coalesce(f.out_of_scope, 0) AS out_of_scope,
         coalesce(f.over_activation, 0) AS over_activation`;

/**
 * Per license: quantity, use and the findings an auditor asks about. A report is a
 * read model: one query over licenses, seats and their holders, filtered by the
 * license list's own filters (LicensesService.filteredQuery).
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly licenses: LicensesService,
  ) {}

  /** One page, over the licenses the actor may see (the license list's scope too). */
  async report(actor: AuthUser, query: ComplianceQueryDto): Promise<Page<ComplianceRowDto>> {
    const today = todayIso();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const [scopedSql, params] = this.licenses
      .filteredQuery(actor, query, today)
      .select('l.id')
      .getQueryAndParameters();
    const p = (value: unknown) => `$${params.push(value)}`;
    const onlyFindings = query.onlyFindings
      ? `WHERE (l.expiration_date < ${p(today)}::date AND l.used_seats > 0) OR l.used_seats > l.quantity
           OR f.inactive_holders > 0 OR f.retired_holders > 0 OR f.out_of_scope > 0 OR f.over_activation > 0
           OR (l.max_activations IS NOT NULL AND l.active_devices > l.max_activations)`
      : '';
    const rows: Row[] = await this.dataSource.query(
      `WITH RECURSIVE ${UNIT_PATHS},
       scoped AS (${scopedSql}),
       ${FACTS('scoped')}
       SELECT ${COLUMNS}, count(*) OVER () AS total
       FROM licenses l
       JOIN scoped ON scoped.l_id = l.id
       LEFT JOIN facts f ON f.license_id = l.id
       ${onlyFindings}
       ORDER BY l.name, l.id
       LIMIT ${p(pageSize)} OFFSET ${p((page - 1) * pageSize)}`,
      params,
    );
    return {
      items: rows.map((r) => this.toRow(r, today)),
      total: rows.length ? Number(rows[0].total) : 0,
      page,
      pageSize,
    };
  }

  /**
   * Every row of the report, in the JSON's order: what a file export streams,
   * however many licenses there are. Licenses are read in keyset batches (name, id)
   * with the counts of each batch's seats only; with `onlyFindings` a batch keeps the
   * licenses whose findings ({@link complianceFindings}) are not empty.
   */
  async *batches(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today = todayIso(),
  ): AsyncGenerator<ComplianceRowDto[]> {
    for await (const batch of this.read(actor, query, today, false)) yield batch.map((b) => b.row);
  }

  /**
   * The license lines behind the report: the licenses of {@link batches}, read by the
   * same query (the filters, and with `onlyFindings` the same findings), in its order.
   */
  async *lineBatches(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today = todayIso(),
  ): AsyncGenerator<LicenseLine[]> {
    for await (const batch of this.read(actor, query, today, true)) yield batch.map((b) => b.line!);
  }

  private async *read(
    actor: AuthUser,
    query: ComplianceQueryDto,
    today: string,
    withLines: boolean,
  ): AsyncGenerator<{ row: ComplianceRowDto; line?: LicenseLine }[]> {
    for (let after: { afterName: string; afterId: string } | null = null; ;) {
      const qb = this.licenses
        .filteredQuery(actor, query, today)
        .select('l.id')
        .orderBy('l.name')
        .addOrderBy('l.id')
        .limit(COMPLIANCE_BATCH);
      if (after) qb.andWhere('(l.name, l.id) > (:afterName, CAST(:afterId AS uuid))', after);
      const [batchSql, params] = qb.getQueryAndParameters();
      const rows: (Row & LineRow)[] = await this.dataSource.query(
        `WITH RECURSIVE ${UNIT_PATHS},
         batch AS (${batchSql}),
         ${FACTS('batch')}
         SELECT ${COLUMNS}${withLines ? `, ${LINE_COLUMNS}` : ''}
         FROM licenses l
         JOIN batch ON batch.l_id = l.id
         LEFT JOIN facts f ON f.license_id = l.id
         ${withLines ? LINE_JOINS : ''}
         ORDER BY l.name, l.id`,
        params,
      );
      const kept = rows
        .map((r) => ({ row: this.toRow(r, today), line: withLines ? licenseLine(r) : undefined }))
        .filter(({ row }) => !query.onlyFindings || row.findings.length > 0);
      if (kept.length) yield kept;
      if (rows.length < COMPLIANCE_BATCH) return;
      const last = rows[rows.length - 1];
      after = { afterName: last.name, afterId: last.id };
    }
  }

  private toRow(r: Row, today: string): ComplianceRowDto {
    const status = licenseStatus(r.expiration_date, today);
    return {
      licenseId: r.id,
      name: r.name,
      metric: r.metric,
      quantity: r.quantity,
      used: r.used_seats,
      available: r.quantity - r.used_seats,
      status,
      expirationDate: r.expiration_date,
      activeDevices: r.active_devices,
      findings: complianceFindings({
        status,
        quantity: r.quantity,
        used: r.used_seats,
        inactiveHolders: r.inactive_holders,
        retiredHolders: r.retired_holders,
        outOfScope: r.out_of_scope,
        seatsOverActivationLimit: r.over_activation,
        activeDevices: r.active_devices,
        maxActivations: r.max_activations,
      }),
    };
  }
}
