import { Injectable } from '@nestjs/common';
import { lineCost } from '@libs/money';
import { AuthUser } from '../platform/access/auth-user';
import { addDays, todayIso } from '../licensing/licenses/license-status';
import {
  ExpiringCursor,
  LicenseLinesRepository,
  LicenseRow,
} from '../licensing/licenses/license-lines.repository';
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

/**
 * Licenses whose expiration or support date falls within the next N days, soonest
 * first: one row per license (with both dates and which of them fall in the window),
 * so the annual cost at stake is counted once per license, and totals per currency.
 */
@Injectable()
export class ExpiringService {
  constructor(private readonly licenses: LicenseLinesRepository) {}

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
    for (let after: ExpiringCursor | null = null; ;) {
      const rows = await this.licenses.expiringBatch(actor, query, window, { after, limit: EXPIRING_BATCH });
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
}

/** One row of the report from the batch query's raw row. */
export function expiringRow(r: LicenseRow, window: ExpiringWindow): ExpiringRowDto {
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
