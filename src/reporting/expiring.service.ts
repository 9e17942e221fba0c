import { Injectable } from '@nestjs/common';
import { lineCost } from '@libs/money';
import { AuthUser } from '../platform/access/auth-user';
import { LicensesService } from '../licensing/licenses/licenses.service';
import { addDays, todayIso } from '../licensing/licenses/license-status';
import { LineCondition, SOFTWARE_NAME_SQL } from './costs/cost-lines';
import {
  ExpiringDateKind,
  ExpiringQueryDto,
  ExpiringReportDto,
  ExpiringRowDto,
  ExpiringTotalDto,
} from './dto/expiring.dto';
import { ExpiringTotals } from './expiring-totals';

const DAY_MS = 86_400_000;
/**
 * Rows per batch. The report's order (sooner date, name, id) has no index, so each
 * batch sorts the remaining rows of the window afresh (a top-N sort): larger batches,
 * fewer sorts. 5,000 small rows are a few MB.
 */
export const EXPIRING_BATCH = 5000;

/** The report's window: today to today + days, both included. */
export interface ExpiringWindow {
  days: number;
  from: string;
  until: string;
}

export type Raw = Record<string, string | number | null>;

/** The window's bounds: parameters of their own, apart from the list filters' `today` and `until`. */
const within = (column: string) =>
  `${column} BETWEEN CAST(:windowFrom AS date) AND CAST(:windowUntil AS date)`;
/** The date if it falls in the window, else NULL. */
const inWindow = (column: string) => `CASE WHEN ${within(column)} THEN ${column} END`;
/** The sooner of a license's dates in the window: the report's order. */
const FIRST_DATE = `LEAST(${inWindow('l.expiration_date')}, ${inWindow('l.support_date')})`;

/**
 * Licenses whose expiration or support date falls within the next N days, soonest
 * first: one row per license (with both dates and which of them fall in the window),
 * so the annual cost at stake is counted once per license, and totals per currency.
 */
@Injectable()
export class ExpiringService {
  constructor(private readonly licenses: LicensesService) {}

  window(query: ExpiringQueryDto, today = todayIso()): ExpiringWindow {
    const days = query.days ?? 90;
    return { days, from: today, until: addDays(today, days) };
  }

  /** The whole report as JSON: the rows and their totals, in one pass. */
  async report(actor: AuthUser, query: ExpiringQueryDto): Promise<ExpiringReportDto> {
    const window = this.window(query);
    const rows: ExpiringRowDto[] = [];
    const totals = new ExpiringTotals();
    for await (const batch of this.batches(actor, query, window)) {
      for (const row of batch) {
        rows.push(row);
        totals.add(row);
      }
    }
    return { days: window.days, from: window.from, until: window.until, rows, totals: totals.result() };
  }

  /** Only the totals (a file's summary sheet comes before its rows, which then stream). */
  async totals(
    actor: AuthUser,
    query: ExpiringQueryDto,
    window: ExpiringWindow,
  ): Promise<ExpiringTotalDto[]> {
    const totals = new ExpiringTotals();
    for await (const batch of this.batches(actor, query, window)) batch.forEach((row) => totals.add(row));
    return totals.result();
  }

  /** The rows in keyset batches (sooner date, name, id): a file export never holds them all. */
  async *batches(
    actor: AuthUser,
    query: ExpiringQueryDto,
    window: ExpiringWindow,
  ): AsyncGenerator<ExpiringRowDto[]> {
    const condition = this.windowCondition(window);
    for (let after: Record<string, string> | null = null; ;) {
      const qb = this.licenses
        .filteredQuery(actor, query, window.from)
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
        .andWhere(`(${condition.sql})`, condition.params)
        .orderBy('first_date', 'ASC')
        .addOrderBy('l.name', 'ASC')
        .addOrderBy('l.id', 'ASC')
        .limit(EXPIRING_BATCH);
      if (after) {
        qb.andWhere(
          `(${FIRST_DATE}, l.name, l.id) > (CAST(:afterDate AS date), :afterName, CAST(:afterId AS uuid))`,
          after,
        );
      }
      const rows: Raw[] = await qb.getRawMany();
      if (!rows.length) return;
      yield rows.map((r) => expiringRow(r, window));
      if (rows.length < EXPIRING_BATCH) return;
      const last = rows[rows.length - 1];
      after = {
        afterDate: String(last.first_date),
        afterName: String(last.name),
        afterId: String(last.id),
      };
    }
  }

  /** "An expiration or support date in the window", for the license lines behind the report. */
  windowCondition(window: ExpiringWindow): LineCondition {
    return {
      // plain comparisons, so that the indexes on both dates serve
      sql: `${within('l.expiration_date')} OR ${within('l.support_date')}`,
      params: { windowFrom: window.from, windowUntil: window.until },
    };
  }
}

/** One row of the report from the batch query's raw row. */
export function expiringRow(r: Raw, window: ExpiringWindow): ExpiringRowDto {
  const quantity = Number(r.quantity);
  const cost = lineCost(quantity, String(r.net), String(r.vat));
  const expirationDate = r.expiration_date as string | null;
  const supportDate = r.support_date as string | null;
  const inside = (date: string | null) => date !== null && date >= window.from && date <= window.until;
  // Sooner first; on the same day expiration before support.
  const endingInWindow = (
    [
      ['expiration', expirationDate],
      ['support', supportDate],
    ] as [ExpiringDateKind, string | null][]
  )
    .filter(([, date]) => inside(date))
    .sort(([, a], [, b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const [dateKind, date] = endingInWindow[0] as [ExpiringDateKind, string];
  return {
    licenseId: r.id as string,
    name: r.name as string,
    softwareName: r.software_name as string | null,
    orgUnitName: r.org_unit_name as string | null,
    dateKind,
    date,
    daysLeft: Math.round((Date.parse(date) - Date.parse(window.from)) / DAY_MS),
    expirationDate,
    supportDate,
    endingInWindow: endingInWindow.map(([kind]) => kind),
    quantity,
    used: Number(r.used_seats),
    currency: r.currency as string,
    annualNet: cost.net,
    annualGross: cost.gross,
  };
}
