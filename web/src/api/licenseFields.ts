import type { Schemas } from './client';

/** A field of a license the API lets a caller change (PATCH /licenses/{id}). */
export type LicenseField = keyof Schemas['UpdateLicenseDto'];

/** The fields finance may change: the server publishes them as LicenseFinancialFieldsDto. */
type FinancialField = keyof Schemas['LicenseFinancialFieldsDto'];

/**
 * The form needs the list at run time; the document gives it as a type. `satisfies` refuses
 * a name the server does not list, and AllListed refuses a list that misses one, so a
 * change on the server fails `tsc` here until this line follows it.
 */
const FINANCIAL_FIELDS = [
  'purchaseDate',
  'invoiceNumber',
  'netUnitPrice',
  'vatRate',
  'currency',
  'supplierId',
] as const satisfies readonly FinancialField[];

type AllListed = Exclude<FinancialField, (typeof FINANCIAL_FIELDS)[number]> extends never ? true : never;
const allListed: AllListed = true;
void allListed;

/** Whether a caller with the finance role may change this field. */
export const isFinancialField = (field: LicenseField): boolean =>
  (FINANCIAL_FIELDS as readonly string[]).includes(field);
