import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { grossUnitPrice, lineCost } from '@libs/money';
import { AuthUser } from '../../platform/access/auth-user';
import { LicensesService } from '../../licensing/licenses/licenses.service';
import { todayIso } from '../../licensing/licenses/license-status';
import { LicenseFilters } from '../../licensing/licenses/dto/license.dto';
import { CostLine } from './cost-aggregation';

/** A license line of the detail sheet, with what the groupings need. */
export interface LicenseLine extends CostLine {
  name: string;
  softwareName: string | null;
  orgUnitId: string | null;
  orgUnitName: string | null;
  supplierName: string | null;
  categoryName: string | null;
  invoiceNumber: string | null;
  purchaseDate: string | null;
  grossUnitPrice: string;
  lineNet: string;
  lineVat: string;
  lineGross: string;
}

const BATCH = 1000;

/** A software's name as the reports show it: name and version; NULL without software (alias `sw`). */
export const SOFTWARE_NAME_SQL = `CASE WHEN sw.id IS NULL THEN NULL ELSE concat_ws(' ', sw.name, sw.version) END`;

/** A raw row of a query selecting a license line's columns. */
export type LineRow = Record<string, string | number | null>;

/**
 * A license line's columns and joins for a raw SQL query over licenses `l`, beside
 * `l.id AS id, l.name AS name, l.quantity AS quantity` (which the caller selects):
 * read back with {@link licenseLine}; the same columns as {@link CostLines.batches}.
 */
export const LICENSE_LINE_SQL = {
  columns: `l.currency AS currency, l.net_unit_price AS net, l.vat_rate AS vat, l.org_unit_id AS org_unit_id,
    l.invoice_number AS invoice_number, l.purchase_date AS purchase_date,
    ${SOFTWARE_NAME_SQL} AS software_name, ou.name AS org_unit_name, sup.name AS supplier_name,
    cat.name AS category_name`,
  joins: `LEFT JOIN software sw ON sw.id = l.software_id
    LEFT JOIN org_units ou ON ou.id = l.org_unit_id
    LEFT JOIN organizations sup ON sup.id = l.supplier_id
    LEFT JOIN license_categories cat ON cat.id = l.category_id`,
};

/** The license filters plus the purchase-date window. */
export type LineQuery = LicenseFilters & { from?: string; to?: string };

/**
 * A report's own condition on the licenses (alias `l`), e.g. the expiring report's
 * date window: SQL with named parameters, so the lines behind a report are chosen by
 * the same rule as its rows, never by a list of ids.
 */
export interface LineCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Reads the license lines of a report in keyset batches, so a report over
 * 100,000 lines never holds them all: the license list's filters (and the
 * caller's scope), the purchase-date window, and the report's own condition.
 */
@Injectable()
export class CostLines {
  constructor(
    private readonly dataSource: DataSource,
    private readonly licenses: LicensesService,
  ) {}

  async *batches(
    actor: AuthUser,
    query: LineQuery,
    condition?: LineCondition,
    today = todayIso(),
  ): AsyncGenerator<LicenseLine[]> {
    for (let after = ''; ;) {
      const qb = this.licenses
        .filteredQuery(actor, query, today)
        .leftJoin('l.software', 'sw')
        .leftJoin('l.orgUnit', 'ou')
        .leftJoin('l.supplier', 'sup')
        .leftJoin('l.category', 'cat')
        .select([
          'l.id AS id',
          'l.name AS name',
          'l.currency AS currency',
          'l.quantity AS quantity',
          'l.net_unit_price AS net',
          'l.vat_rate AS vat',
          'l.org_unit_id AS org_unit_id',
          'l.invoice_number AS invoice_number',
          'l.purchase_date AS purchase_date',
          `${SOFTWARE_NAME_SQL} AS software_name`,
          'ou.name AS org_unit_name',
          'sup.name AS supplier_name',
          'cat.name AS category_name',
        ])
        .orderBy('l.id')
        .limit(BATCH);
      if (after) qb.andWhere('l.id > :after', { after });
      if (query.from) qb.andWhere('l.purchaseDate >= :from', { from: query.from });
      if (query.to) qb.andWhere('l.purchaseDate <= :to', { to: query.to });
      if (condition) qb.andWhere(`(${condition.sql})`, condition.params);
      const rows: LineRow[] = await qb.getRawMany();
      if (!rows.length) return;
      yield rows.map(licenseLine);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id as string;
    }
  }

  /** The org unit of each seat's holder per license, seats in assignment order. */
  async holderUnits(licenseIds: string[]): Promise<Map<string, (string | null)[]>> {
    const rows: { license_id: string; unit_id: string | null }[] = await this.dataSource.query(
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
}

/** A license line from a raw row with the columns of {@link LICENSE_LINE_SQL}, `id`, `name` and `quantity`. */
export function licenseLine(r: LineRow): LicenseLine {
  const net = String(r.net);
  const vat = String(r.vat);
  const quantity = Number(r.quantity);
  const cost = lineCost(quantity, net, vat);
  return {
    licenseId: r.id as string,
    name: r.name as string,
    currency: r.currency as string,
    quantity,
    netUnitPrice: net,
    vatRate: vat,
    orgUnitId: r.org_unit_id as string | null,
    orgUnitName: r.org_unit_name as string | null,
    softwareName: r.software_name as string | null,
    supplierName: r.supplier_name as string | null,
    categoryName: r.category_name as string | null,
    invoiceNumber: r.invoice_number as string | null,
    purchaseDate: r.purchase_date as string | null,
    grossUnitPrice: grossUnitPrice(net, vat),
    lineNet: cost.net,
    lineVat: cost.vat,
    lineGross: cost.gross,
  };
}
