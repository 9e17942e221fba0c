import { Column } from '@libs/excel';
import { CostRow } from './costs/cost-aggregation';
import { LicenseLine } from './costs/cost-lines';
import { ComplianceRowDto } from './dto/compliance.dto';
import { ExpiringRowDto } from './dto/expiring.dto';

/** The columns of each report's data sheet and CSV, and of the license-lines detail. */
export const COST_COLUMNS: Column<CostRow>[] = [
  { key: 'group', header: 'Group', kind: 'text', value: (r) => r.group, width: 36 },
  { key: 'currency', header: 'Currency', kind: 'text', value: (r) => r.currency },
  { key: 'licenses', header: 'Licenses', kind: 'integer', value: (r) => r.licenses },
  { key: 'seats', header: 'Seats', kind: 'integer', value: (r) => r.seats },
  { key: 'net', header: 'Net', kind: 'money', value: (r) => r.net },
  { key: 'vat', header: 'VAT', kind: 'money', value: (r) => r.vat },
  { key: 'gross', header: 'Gross', kind: 'money', value: (r) => r.gross },
];

export const LINE_COLUMNS: Column<LicenseLine>[] = [
  { key: 'name', header: 'License', kind: 'text', value: (l) => l.name, width: 32 },
  { key: 'software', header: 'Software', kind: 'text', value: (l) => l.softwareName, width: 28 },
  { key: 'orgUnit', header: 'Org unit', kind: 'text', value: (l) => l.orgUnitName },
  { key: 'supplier', header: 'Supplier', kind: 'text', value: (l) => l.supplierName },
  { key: 'invoice', header: 'Invoice', kind: 'text', value: (l) => l.invoiceNumber, width: 16 },
  { key: 'purchaseDate', header: 'Purchase date', kind: 'date', value: (l) => l.purchaseDate },
  { key: 'quantity', header: 'Quantity', kind: 'integer', value: (l) => l.quantity },
  { key: 'netUnit', header: 'Net unit', kind: 'money', value: (l) => l.netUnitPrice },
  { key: 'vatRate', header: 'VAT %', kind: 'percent', value: (l) => l.vatRate },
  { key: 'grossUnit', header: 'Gross unit', kind: 'money', value: (l) => l.grossUnitPrice },
  { key: 'lineNet', header: 'Line net', kind: 'money', value: (l) => l.lineNet },
  { key: 'lineVat', header: 'Line VAT', kind: 'money', value: (l) => l.lineVat },
  { key: 'lineGross', header: 'Line gross', kind: 'money', value: (l) => l.lineGross },
  { key: 'currency', header: 'Currency', kind: 'text', value: (l) => l.currency },
];

export const COMPLIANCE_COLUMNS: Column<ComplianceRowDto>[] = [
  { key: 'name', header: 'License', kind: 'text', value: (r) => r.name, width: 32 },
  { key: 'metric', header: 'Metric', kind: 'text', value: (r) => r.metric },
  { key: 'quantity', header: 'Quantity', kind: 'integer', value: (r) => r.quantity },
  { key: 'used', header: 'Used', kind: 'integer', value: (r) => r.used },
  { key: 'available', header: 'Available', kind: 'integer', value: (r) => r.available },
  { key: 'status', header: 'Status', kind: 'text', value: (r) => r.status },
  { key: 'expirationDate', header: 'Expires', kind: 'date', value: (r) => r.expirationDate },
  { key: 'activeDevices', header: 'Active devices', kind: 'integer', value: (r) => r.activeDevices },
  {
    key: 'findings',
    header: 'Findings',
    kind: 'text',
    value: (r) => r.findings.map((f) => `${f.code} (${f.count})`).join('; '),
    width: 48,
  },
];

export const EXPIRING_COLUMNS: Column<ExpiringRowDto>[] = [
  { key: 'date', header: 'Date', kind: 'date', value: (r) => r.date },
  { key: 'dateKind', header: 'Ends', kind: 'text', value: (r) => r.dateKind },
  { key: 'daysLeft', header: 'Days left', kind: 'integer', value: (r) => r.daysLeft },
  { key: 'name', header: 'License', kind: 'text', value: (r) => r.name, width: 32 },
  { key: 'software', header: 'Software', kind: 'text', value: (r) => r.softwareName, width: 28 },
  { key: 'orgUnit', header: 'Org unit', kind: 'text', value: (r) => r.orgUnitName },
  { key: 'expirationDate', header: 'Expires', kind: 'date', value: (r) => r.expirationDate },
  { key: 'supportDate', header: 'Support ends', kind: 'date', value: (r) => r.supportDate },
  {
    key: 'endingInWindow',
    header: 'In window',
    kind: 'text',
    value: (r) => r.endingInWindow.join(', '),
    width: 20,
  },
  { key: 'quantity', header: 'Quantity', kind: 'integer', value: (r) => r.quantity },
  { key: 'used', header: 'Used', kind: 'integer', value: (r) => r.used },
  { key: 'currency', header: 'Currency', kind: 'text', value: (r) => r.currency },
  { key: 'annualNet', header: 'Annual net', kind: 'money', value: (r) => r.annualNet },
  { key: 'annualGross', header: 'Annual gross', kind: 'money', value: (r) => r.annualGross },
];
