import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { applySearch, whereEquals } from '@libs/pagination';
import { AuthUser } from '../../platform/access/auth-user';
import { TransactionRunner } from '../../platform/database/transaction';
import { OrgUnitsRepository } from '../../catalog/org-units/org-units.repository';
import { License } from './license.entity';
import { addDays, statusCondition, statusParams, todayIso } from './license-status';
import { LicenseFilters } from './dto/license.dto';

/** A raw row as PostgreSQL returns it: column alias to value. */
export type LicenseRow = Record<string, string | number | null>;

/** The columns `q` searches (case-insensitive, any of them). */
const SEARCHABLE = ['l.name', 'l.serialNumber', 'l.inventoryNumber', 'l.invoiceNumber', 'l.notes'];

/** A software's name as the reports show it: name and version; NULL without software (alias `sw`). */
const SOFTWARE_NAME_SQL = `CASE WHEN sw.id IS NULL THEN NULL ELSE concat_ws(' ', sw.name, sw.version) END`;

/**
 * A license line's columns and label joins for a raw SQL query over licenses `l`,
 * beside `l.id AS id, l.name AS name, l.quantity AS quantity` (which the caller
 * selects): the same columns as {@link LicenseLinesRepository.lineBatch}.
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

/** Two days, both included (YYYY-MM-DD). */
export interface DateWindow {
  from: string;
  until: string;
}

/** The license filters plus the purchase-date window. */
export type LineQuery = LicenseFilters & { from?: string; to?: string };

/** Where a keyset batch starts: after this row of the previous batch (none for the first). */
export interface ExpiringCursor {
  afterDate: string;
  afterName: string;
  afterId: string;
}

/** The window's bounds: parameters of their own, apart from the list filters' `today` and `until`. */
const within = (column: string) =>
  `${column} BETWEEN CAST(:windowFrom AS date) AND CAST(:windowUntil AS date)`;
/** The date if it falls in the window, else NULL. */
const inWindow = (column: string) => `CASE WHEN ${within(column)} THEN ${column} END`;
/** The sooner of a license's dates in the window: the expiring report's order. */
const FIRST_DATE = `LEAST(${inWindow('l.expiration_date')}, ${inWindow('l.support_date')})`;

/** "An expiration or support date in the window": plain comparisons, so that the indexes on both dates serve. */
function endingWithin(window: DateWindow): [sql: string, params: Record<string, string>] {
  return [
    `(${within('l.expiration_date')} OR ${within('l.support_date')})`,
    { windowFrom: window.from, windowUntil: window.until },
  ];
}

/**
 * The licenses as reports read them: the license list's filters, and the license
 * lines with the names of their software, org unit, supplier and category (joined
 * here, in one statement, rather than looked up per line) in keyset batches.
 */
@Injectable()
export class LicenseLinesRepository {
  constructor(
    private readonly db: TransactionRunner,
    private readonly orgUnits: OrgUnitsRepository,
  ) {}

  /**
   * Licenses the actor may see matching the list filters and `q`, as a query builder
   * (alias `l`): the one definition of the filters, for the list and the reports.
   */
  filtered(actor: AuthUser, query: LicenseFilters, today = todayIso()): SelectQueryBuilder<License> {
    const qb = this.orgUnits.restrictLicenses(this.db.manager.createQueryBuilder(License, 'l'), 'l', actor);
    const { softwareId, categoryId, organizationId, orgUnitId, supplierId, locationId, locationStructureId } =
      query;
    whereEquals(qb, {
      softwareId,
      categoryId,
      organizationId,
      orgUnitId,
      supplierId,
      locationId,
      locationStructureId,
    });
    whereEquals(qb, { metric: query.metric, currency: query.currency });
    // Derived status and the expiry window are filtered in SQL, so paging and totals stay right.
    if (query.status) qb.andWhere(statusCondition(query.status, 'l.expirationDate'), statusParams(today));
    if (query.expiringWithinDays !== undefined) {
      qb.andWhere('l.expirationDate BETWEEN CAST(:today AS date) AND CAST(:until AS date)', {
        today,
        until: addDays(today, query.expiringWithinDays),
      });
    }
    return applySearch(qb, query.q, SEARCHABLE);
  }

  /**
   * One batch of license lines in id order, after the id `after` ('' for the first):
   * the filters, the purchase-date window, and with `ending` only the licenses whose
   * expiration or support date falls within it.
   */
  lineBatch(
    actor: AuthUser,
    query: LineQuery,
    batch: { after: string; limit: number; today: string; ending?: DateWindow },
  ): Promise<LicenseRow[]> {
    const qb = this.filtered(actor, query, batch.today)
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
      .limit(batch.limit);
    if (batch.after) qb.andWhere('l.id > :after', { after: batch.after });
    if (query.from) qb.andWhere('l.purchaseDate >= :from', { from: query.from });
    if (query.to) qb.andWhere('l.purchaseDate <= :to', { to: query.to });
    if (batch.ending) qb.andWhere(...endingWithin(batch.ending));
    return qb.getRawMany();
  }

  /**
   * One batch of the licenses with an expiration or support date in `window`, the
   * sooner of those dates first (`first_date`), then name and id; `today` is the
   * window's first day.
   */
  expiringBatch(
    actor: AuthUser,
    query: LicenseFilters,
    window: DateWindow,
    batch: { after: ExpiringCursor | null; limit: number },
  ): Promise<LicenseRow[]> {
    const qb = this.filtered(actor, query, window.from)
      .leftJoin('l.software', 'sw')
      .leftJoin('l.orgUnit', 'ou')
      .select([
        'l.id AS id',
        'l.name AS name',
        `${SOFTWARE_NAME_SQL} AS software_name`,
        'ou.name AS org_unit_name',
        'l.expiration_date AS expiration_date',
        'l.support_date AS support_date',
        'l.quantity AS quantity',
        'l.used_seats AS used_seats',
        'l.currency AS currency',
        'l.net_unit_price AS net',
        'l.vat_rate AS vat',
        `${FIRST_DATE} AS first_date`,
      ])
      .andWhere(...endingWithin(window))
      .orderBy('first_date', 'ASC')
      .addOrderBy('l.name', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .limit(batch.limit);
    if (batch.after) {
      qb.andWhere(
        `(${FIRST_DATE}, l.name, l.id) > (CAST(:afterDate AS date), :afterName, CAST(:afterId AS uuid))`,
        batch.after,
      );
    }
    return qb.getRawMany();
  }
}
