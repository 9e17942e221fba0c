/** Exact decimal helpers for display (the server stays authoritative). */
const SCALE = 4;
function toScaled(s: string): bigint | null {
  const m = /^\s*(-?)(\d*)(?:[.,](\d*))?\s*$/.exec(s ?? '');
  if (!m || (m[2] === '' && !m[3])) return null;
  const frac = (m[3] ?? '').padEnd(SCALE, '0');
  if (frac.length > SCALE) return null;
  const v = BigInt((m[2] || '0') + frac);
  return m[1] ? -v : v;
}

/** grossUnitPrice = round2(net × (1 + vat/100)), half away from zero; null when not computable. */
export function grossOf(net: string, vat: string): string | null {
  const n = toScaled(net);
  const v = toScaled(vat);
  if (n === null || v === null) return null;
  const prod = n * (100n * 10n ** BigInt(SCALE) + v); // units of 1e-8 × 100
  const div = 10n ** 8n;
  const neg = prod < 0n;
  const abs = neg ? -prod : prod;
  const cents = (abs + div / 2n) / div;
  const str = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return neg && cents !== 0n ? `-${str}` : str;
}
