export * from './columns';
export * from './csv';
export * from './neutralize';
export { type TotalsOptions, type TotalsRow } from './totals';
export * from './workbook';
