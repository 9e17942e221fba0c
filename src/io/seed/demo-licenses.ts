import type { DemoLicense } from './demo-model';

type Row = Omit<DemoLicense, 'inventoryNumber' | 'expirationDate' | 'currency' | 'vatRate'> & {
  /** Days from today; null for perpetual licenses. */
  expiresIn: number | null;
  currency?: string;
  vatRate?: string;
};

const MOLP = 'MOLP-87412563'; // one Microsoft Open License agreement covers the server products
const LTSC_END_OF_SUPPORT = '2029-10-09';

/**
 * 20 purchases of both metrics. Expiration dates are relative to the day of seeding
 * so that a fresh demo always shows active, soon-expiring (within 30 days) and one
 * expired license; everything else is fixed.
 */
// prettier-ignore
const LICENSES: Row[] = [
  {
    name: 'Microsoft 365 E3 – Company-wide', category: 'Subscription', software: 'm365', orgUnit: null,
    locationStructure: null, location: null, supplier: 'softwareone', serialNumber: 'EA-6129-4403',
    purchaseDate: '2025-12-01', invoiceNumber: 'SWO-DE-2025-118204', expiresIn: 373, supportDate: null,
    netUnitPrice: '33.70', metric: 'per_user', quantity: 60, maxActivationsPerUser: 5, maxDeviceResets: 20,
    notes: 'Enterprise Agreement, annual true-up in November.',
  },
  {
    name: 'Microsoft 365 E3 – Development add-on', category: 'Subscription', software: 'm365',
    orgUnit: 'NW-TECH-DEV', locationStructure: null, location: null, supplier: 'softwareone', serialNumber: 'EA-6129-4403',
    purchaseDate: '2026-03-10', invoiceNumber: 'SWO-DE-2026-021577', expiresIn: 108, supportDate: null,
    netUnitPrice: '33.70', metric: 'per_user', quantity: 10, maxActivationsPerUser: 5,
  },
  {
    name: 'Microsoft 365 E3 – Warsaw office', category: 'Subscription', software: 'm365', orgUnit: null,
    locationStructure: 'PL', location: 'WAW-OFFICE', supplier: 'softwareone', serialNumber: 'EA-6129-4403',
    purchaseDate: '2026-05-04', invoiceNumber: 'SWO-DE-2026-050118', expiresIn: 160, supportDate: null,
    netUnitPrice: '33.70', metric: 'per_user', quantity: 8, maxActivationsPerUser: 5,
  },
  {
    name: 'Windows 11 Pro OEM – Laptop fleet 2025', category: 'OEM', software: 'win11', orgUnit: null,
    locationStructure: 'DE', location: null, supplier: 'bechtle', serialNumber: null,
    purchaseDate: '2025-02-20', invoiceNumber: 'BE-RE-2025-0047711', expiresIn: null, supportDate: null,
    netUnitPrice: '145.00', metric: 'per_device', quantity: 45,
    notes: 'Pre-installed on the ThinkPad fleet; one key per device.',
  },
  {
    name: 'Windows 11 Pro OEM – Desktops 2026', category: 'OEM', software: 'win11', orgUnit: 'NW-SO',
    locationStructure: 'DE', location: null, supplier: 'bechtle', serialNumber: null,
    purchaseDate: '2026-02-17', invoiceNumber: 'BE-RE-2026-0009320', expiresIn: null, supportDate: null,
    netUnitPrice: '145.00', metric: 'per_device', quantity: 15,
  },
  {
    name: 'Windows 11 Pro Retail – Service Desk spares', category: 'Retail', software: 'win11',
    orgUnit: 'NW-TECH-IT-SD', locationStructure: 'BER-HQ', location: 'BER-HQ-IT', supplier: 'bechtle',
    serialNumber: null, purchaseDate: '2025-01-28', invoiceNumber: 'BE-RE-2025-0011852', expiresIn: null,
    supportDate: null, netUnitPrice: '259.00', metric: 'per_device', quantity: 5, maxDeviceResets: 3,
  },
  {
    name: 'Windows 11 Pro Volume Upgrade – Corporate Services', category: 'Volume', software: 'win11',
    orgUnit: 'NW-CORP', locationStructure: 'BER-HQ', location: null, supplier: 'bechtle', serialNumber: null,
    purchaseDate: '2025-06-03', invoiceNumber: 'BE-RE-2025-0066190', expiresIn: null, supportDate: null,
    netUnitPrice: '189.90', metric: 'per_device', quantity: 12,
  },
  {
    name: 'Office LTSC Professional Plus 2024 – Finance', category: 'Volume', software: 'office',
    orgUnit: 'NW-CORP-FIN', locationStructure: 'BER-HQ', location: null, supplier: 'softwareone', serialNumber: null,
    purchaseDate: '2025-04-11', invoiceNumber: 'SWO-DE-2025-040311', expiresIn: null,
    supportDate: LTSC_END_OF_SUPPORT, netUnitPrice: '429.00', metric: 'per_device', quantity: 8,
  },
  {
    name: 'Office LTSC Professional Plus 2024 – Service Desk', category: 'Open/MOLP', software: 'office',
    orgUnit: 'NW-TECH-IT-SD', locationStructure: 'BER-HQ', location: null, supplier: 'softwareone', serialNumber: MOLP,
    purchaseDate: '2025-05-19', invoiceNumber: 'SWO-DE-2025-052290', expiresIn: null,
    supportDate: LTSC_END_OF_SUPPORT, netUnitPrice: '415.50', metric: 'per_device', quantity: 6,
  },
  {
    name: 'Office LTSC Professional Plus 2024 – Logistics', category: 'Volume', software: 'office',
    orgUnit: 'NW-SO-LOG', locationStructure: null, location: null, supplier: 'softwareone', serialNumber: null,
    purchaseDate: '2025-11-03', invoiceNumber: 'SWO-DE-2025-110871', expiresIn: null,
    supportDate: LTSC_END_OF_SUPPORT, netUnitPrice: '429.00', metric: 'per_device', quantity: 8,
  },
  {
    name: 'Office LTSC Professional Plus 2024 – Human Resources', category: 'Retail', software: 'office',
    orgUnit: 'NW-CORP-HR', locationStructure: 'BER-HQ', location: null, supplier: 'bechtle', serialNumber: null,
    purchaseDate: '2025-08-25', invoiceNumber: 'BE-RE-2025-0091733', expiresIn: null,
    supportDate: LTSC_END_OF_SUPPORT, netUnitPrice: '489.00', metric: 'per_device', quantity: 5,
  },
  {
    name: 'Windows Server 2025 Datacenter – Cluster Berlin', category: 'Open/MOLP', software: 'winsrv',
    orgUnit: 'NW-TECH-IT-INF', locationStructure: 'DE-BER', location: 'BER-HQ-SRV', supplier: 'softwareone',
    serialNumber: MOLP, purchaseDate: '2025-03-27', invoiceNumber: 'SWO-DE-2025-033019', expiresIn: null,
    supportDate: '2028-03-31', netUnitPrice: '5870.00', metric: 'per_device', quantity: 6,
    notes: 'Software Assurance until the support date; 16-core packs per host.',
  },
  {
    name: 'SQL Server 2022 Standard – ERP', category: 'Open/MOLP', software: 'sql', orgUnit: 'NW-TECH-IT-INF',
    locationStructure: 'DE-BER', location: 'BER-HQ-SRV', supplier: 'softwareone', serialNumber: MOLP,
    purchaseDate: '2025-07-14', invoiceNumber: 'SWO-DE-2025-071466', expiresIn: null, supportDate: '2027-07-31',
    netUnitPrice: '3586.00', metric: 'per_device', quantity: 5,
  },
  {
    name: 'VMware vSphere Foundation – Cluster Berlin', category: 'Subscription', software: 'vsphere',
    orgUnit: 'NW-TECH-IT-INF', locationStructure: 'DE-BER', location: 'BER-HQ-SRV', supplier: 'bechtle',
    serialNumber: 'VCF-SUB-0042-7731', purchaseDate: '2025-11-28', invoiceNumber: 'BE-RE-2025-0139906',
    expiresIn: 18, supportDate: null, netUnitPrice: '1350.00', metric: 'per_device', quantity: 8,
    maxDeviceResets: 4, notes: 'Per-core subscription; renewal quote requested.',
  },
  {
    name: 'Adobe Acrobat Pro – Company pool', category: 'Subscription', software: 'acrobat', orgUnit: null,
    locationStructure: null, location: null, supplier: 'adobe', serialNumber: 'VIP-4F7A-22C1',
    purchaseDate: '2025-09-01', invoiceNumber: 'ADB-DE-2025-7781203', expiresIn: 282, supportDate: null,
    netUnitPrice: '239.88', metric: 'per_user', quantity: 40, maxActivationsPerUser: 2,
  },
  {
    name: 'Adobe Acrobat Pro – Finance 2025', category: 'Subscription', software: 'acrobat', orgUnit: 'NW-CORP-FIN',
    locationStructure: 'BER-HQ', location: null, supplier: 'bechtle', serialNumber: null,
    purchaseDate: '2025-10-15', invoiceNumber: 'BE-RE-2025-0121478', expiresIn: -15, supportDate: null,
    netUnitPrice: '239.88', metric: 'per_user', quantity: 5,
    notes: 'Not renewed: Finance moves to the company pool.',
  },
  {
    name: 'Adobe Creative Cloud All Apps – Sales', category: 'Subscription', software: 'cc', orgUnit: 'NW-SO-SAL',
    locationStructure: null, location: null, supplier: 'adobe', serialNumber: 'VIP-4F7A-22C1',
    purchaseDate: '2026-01-20', invoiceNumber: 'ADB-DE-2026-0192211', expiresIn: 7, supportDate: null,
    netUnitPrice: '1079.88', metric: 'per_user', quantity: 5, maxActivationsPerUser: 2,
  },
  {
    name: 'IntelliJ IDEA Ultimate – Development', category: 'Subscription', software: 'idea', orgUnit: 'NW-TECH-DEV',
    locationStructure: null, location: null, supplier: 'jetbrains', serialNumber: 'JB-ORG-88412',
    purchaseDate: '2026-02-01', invoiceNumber: 'JB-INV-2026-0457719', expiresIn: 150, supportDate: null,
    netUnitPrice: '599.00', metric: 'per_user', quantity: 12, maxActivationsPerUser: 3, maxActivations: 30,
    maxDeviceResets: 10,
  },
  {
    name: 'IntelliJ IDEA Ultimate – Infrastructure', category: 'Subscription', software: 'idea',
    orgUnit: 'NW-TECH-IT-INF', locationStructure: null, location: null, supplier: 'jetbrains',
    serialNumber: 'JB-ORG-88412', purchaseDate: '2025-12-19', invoiceNumber: 'JB-INV-2025-0391022', expiresIn: 26,
    supportDate: null, netUnitPrice: '599.00', metric: 'per_user', quantity: 5,
  },
  {
    name: 'Jira Software Cloud Standard', category: 'Subscription', software: 'jira', orgUnit: 'NW-TECH',
    locationStructure: null, location: null, supplier: 'atlassian', serialNumber: 'SEN-L19927734',
    purchaseDate: '2026-04-01', invoiceNumber: 'AT-2026-1184432', expiresIn: 130, supportDate: null,
    currency: 'USD', netUnitPrice: '94.92', vatRate: '0.00', metric: 'per_user', quantity: 25,
    notes: 'Invoiced in USD by Atlassian; reverse charge, no German VAT.',
  },
];

export function demoLicenses(today: string): DemoLicense[] {
  return LICENSES.map(({ expiresIn, currency = 'EUR', vatRate = '19.00', ...row }, i) => ({
    ...row,
    inventoryNumber: `LIC-${row.purchaseDate.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
    expirationDate: expiresIn === null ? null : addDays(today, expiresIn),
    currency,
    vatRate,
  }));
}

/** Calendar arithmetic on YYYY-MM-DD in UTC, so no time zone shifts a date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
