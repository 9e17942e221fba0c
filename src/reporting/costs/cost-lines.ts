import { Injectable } from '@nestjs/common';
import { grossUnitPrice, lineCost } from '@libs/money';
import { AuthUser } from '../../platform/access/auth-user';
import { todayIso } from '../../licensing/licenses/license-status';
import {
  DateWindow,
  LicenseLinesRepository,
  LicenseRow,
  LineQuery,
} from '../../licensing/licenses/license-lines.repository';
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

/**
 * Reads the license lines of a report in keyset batches, so a report over
 * 100,000 lines never holds them all: the license list's filters (and the
 * caller's scope), the purchase-date window, and with `ending` only the licenses
 * with an expiration or support date in that window (the expiring report's rule),
 * so the lines behind a report are chosen as its rows are, never by a list of ids.
 */
@Injectable()
export class CostLines {
  constructor(private readonly lines: LicenseLinesRepository) {}

  async *batches(
    actor: AuthUser,
    query: LineQuery,
    ending?: DateWindow,
    today = todayIso(),
  ): AsyncGenerator<LicenseLine[]> {
    for (let after = ''; ;) {
      const rows = await this.lines.lineBatch(actor, query, { after, limit: BATCH, today, ending });
      if (!rows.length) return;
      yield rows.map(licenseLine);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id as string;
    }
  }
}

/** A license line from a raw row with the columns of LICENSE_LINE_SQL, `id`, `name` and `quantity`. */
export function licenseLine(r: LicenseRow): LicenseLine {
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
