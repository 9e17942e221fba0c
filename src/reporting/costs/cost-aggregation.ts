import Decimal from 'decimal.js';
import { evenSplit, lineCost, sumOfShares } from '@libs/money';

/** One license line as the cost report reads it. */
export interface CostLine {
  licenseId: string;
  currency: string;
  quantity: number;
  netUnitPrice: string;
  vatRate: string;
}

export interface CostRow {
  group: string;
  currency: string;
  licenses: number;
  seats: number;
  net: string;
  vat: string;
  gross: string;
}

export interface CurrencyTotal {
  currency: string;
  licenses: number;
  seats: number;
  net: string;
  vat: string;
  gross: string;
}

/** A line's cost, or a share of it, on its way into a group. */
export interface CostPart {
  group: string;
  seats: number;
  net: string;
  vat: string;
}

/**
 * Chargeback: the line is split into one share per seat (net and VAT each split so
 * the shares add up to the line exactly, leftover cents one each to the first
 * shares). Held seats come first, in the order given; the unassigned rest goes to
 * `unusedGroup`. Shares of the same group are summed.
 *
 * A group's sum needs only how many seats it has and how many of them get a leftover
 * cent, so no share is computed one by one (a line may have thousands of seats).
 */
export function chargebackParts(line: CostLine, holderGroups: string[], unusedGroup: string): CostPart[] {
  const cost = lineCost(line.quantity, line.netUnitPrice, line.vatRate);
  if (line.quantity === 0) return [{ group: unusedGroup, seats: 0, net: cost.net, vat: cost.vat }];
  const net = evenSplit(cost.net, line.quantity);
  const vat = evenSplit(cost.vat, line.quantity);
  const tally = new Map<string, { seats: number; earlyNet: number; earlyVat: number }>();
  // Seats [from, from + seats) to `group`; the first `extra` seats of a split get its leftover cents.
  const count = (group: string, from: number, seats: number) => {
    const early = (extra: number) => Math.max(0, Math.min(from + seats, extra) - from);
    const t = tally.get(group) ?? { seats: 0, earlyNet: 0, earlyVat: 0 };
    t.seats += seats;
    t.earlyNet += early(net.extra);
    t.earlyVat += early(vat.extra);
    tally.set(group, t);
  };
  const held = Math.min(holderGroups.length, line.quantity);
  for (let seat = 0; seat < held; seat++) count(holderGroups[seat], seat, 1);
  if (held < line.quantity) count(unusedGroup, held, line.quantity - held);
  return [...tally].map(([group, t]) => ({
    group,
    seats: t.seats,
    net: sumOfShares(net, t.seats, t.earlyNet),
    vat: sumOfShares(vat, t.seats, t.earlyVat),
  }));
}

/** The whole line to one group (the owner view). */
export function ownerPart(line: CostLine, group: string): CostPart {
  const cost = lineCost(line.quantity, line.netUnitPrice, line.vatRate);
  return { group, seats: line.quantity, net: cost.net, vat: cost.vat };
}

interface Sum {
  licenses: Set<string>;
  seats: number;
  net: Decimal;
  vat: Decimal;
}

/** Sums parts per (group, currency) and per currency; currencies are never added together. */
export class CostAccumulator {
  private readonly rows = new Map<string, Sum & { group: string; currency: string }>();
  private readonly totals = new Map<string, Sum>();

  add(line: CostLine, parts: CostPart[]): void {
    for (const part of parts) {
      const key = JSON.stringify([part.group, line.currency]);
      const row = this.rows.get(key) ?? { group: part.group, currency: line.currency, ...empty() };
      addTo(row, line.licenseId, part);
      this.rows.set(key, row);
      const total = this.totals.get(line.currency) ?? empty();
      addTo(total, line.licenseId, part);
      this.totals.set(line.currency, total);
    }
  }

  /** Rows by group, then currency. */
  result(): { rows: CostRow[]; totals: CurrencyTotal[] } {
    const rows = [...this.rows.values()]
      .sort((a, b) => a.group.localeCompare(b.group) || a.currency.localeCompare(b.currency))
      .map((r) => ({ group: r.group, currency: r.currency, ...figures(r) }));
    const totals = [...this.totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ currency, ...figures(t) }));
    return { rows, totals };
  }
}

function empty(): Sum {
  return { licenses: new Set(), seats: 0, net: new Decimal(0), vat: new Decimal(0) };
}

function addTo(sum: Sum, licenseId: string, part: CostPart): void {
  sum.licenses.add(licenseId);
  sum.seats += part.seats;
  sum.net = sum.net.plus(part.net);
  sum.vat = sum.vat.plus(part.vat);
}

function figures(sum: Sum) {
  return {
    licenses: sum.licenses.size,
    seats: sum.seats,
    net: sum.net.toFixed(2),
    vat: sum.vat.toFixed(2),
    gross: sum.net.plus(sum.vat).toFixed(2),
  };
}
