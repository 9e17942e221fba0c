import { Role } from '../../platform/access/roles';
import type { DemoData, DemoLocation, DemoOrganization, DemoOrgUnit, DemoSoftware } from './demo-model';
import { demoAssets, demoPersons } from './demo-people';
import { demoLicenses } from './demo-licenses';
import { demoSeats } from './demo-seats';

/** The owning company; every org unit and license belongs to it. */
export const DEMO_COMPANY = 'northwind';

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: DEMO_COMPANY, name: 'Northwind Traders GmbH', kind: 'internal' },
  { key: 'microsoft', name: 'Microsoft Corporation', kind: 'manufacturer' },
  { key: 'adobe', name: 'Adobe Inc.', kind: 'manufacturer' },
  { key: 'jetbrains', name: 'JetBrains s.r.o.', kind: 'manufacturer' },
  { key: 'atlassian', name: 'Atlassian Corporation', kind: 'manufacturer' },
  { key: 'broadcom', name: 'Broadcom Inc. (VMware)', kind: 'manufacturer' },
  { key: 'softwareone', name: 'SoftwareOne Deutschland GmbH', kind: 'supplier' },
  { key: 'bechtle', name: 'Bechtle AG', kind: 'supplier' },
];

/** Company > divisions > departments > teams. */
export const DEMO_ORG_UNITS: DemoOrgUnit[] = [
  { code: 'NW', name: 'Northwind Traders GmbH', parent: null },
  { code: 'NW-SO', name: 'Sales & Operations', parent: 'NW' },
  { code: 'NW-TECH', name: 'Technology', parent: 'NW' },
  { code: 'NW-CORP', name: 'Corporate Services', parent: 'NW' },
  { code: 'NW-SO-SAL', name: 'Sales', parent: 'NW-SO' },
  { code: 'NW-SO-LOG', name: 'Logistics', parent: 'NW-SO' },
  { code: 'NW-TECH-IT', name: 'IT', parent: 'NW-TECH' },
  { code: 'NW-TECH-DEV', name: 'Software Development', parent: 'NW-TECH' },
  { code: 'NW-CORP-FIN', name: 'Finance & Controlling', parent: 'NW-CORP' },
  { code: 'NW-CORP-HR', name: 'Human Resources', parent: 'NW-CORP' },
  { code: 'NW-TECH-IT-SD', name: 'Service Desk', parent: 'NW-TECH-IT' },
  { code: 'NW-TECH-IT-INF', name: 'Infrastructure', parent: 'NW-TECH-IT' },
];

/** Country > city > building > room. */
export const DEMO_LOCATIONS: DemoLocation[] = [
  { key: 'DE', name: 'Germany', parent: null },
  { key: 'PL', name: 'Poland', parent: null },
  { key: 'DE-BER', name: 'Berlin', parent: 'DE' },
  { key: 'DE-MUC', name: 'Munich', parent: 'DE' },
  { key: 'PL-WAW', name: 'Warsaw', parent: 'PL' },
  { key: 'BER-HQ', name: 'Berlin HQ, Friedrichstraße 68', parent: 'DE-BER' },
  { key: 'MUC-OFFICE', name: 'Munich Office, Leopoldstraße 32', parent: 'DE-MUC' },
  { key: 'WAW-OFFICE', name: 'Warsaw Office, ul. Prosta 20', parent: 'PL-WAW' },
  { key: 'BER-HQ-SRV', name: 'Server room 0.12', parent: 'BER-HQ' },
  { key: 'BER-HQ-IT', name: 'IT storage 1.04', parent: 'BER-HQ' },
  { key: 'BER-HQ-301', name: 'Executive office 3.01', parent: 'BER-HQ' },
];

export const DEMO_CATEGORIES = ['Open/MOLP', 'OEM', 'Retail', 'Volume', 'Subscription'];

export const DEMO_SOFTWARE: DemoSoftware[] = [
  { key: 'm365', name: 'Microsoft 365 E3', version: '2025', publisher: 'microsoft' },
  { key: 'win11', name: 'Windows 11 Pro', version: '24H2', publisher: 'microsoft' },
  { key: 'office', name: 'Office LTSC Professional Plus', version: '2024', publisher: 'microsoft' },
  { key: 'winsrv', name: 'Windows Server Datacenter', version: '2025', publisher: 'microsoft' },
  { key: 'sql', name: 'SQL Server Standard', version: '2022', publisher: 'microsoft' },
  { key: 'acrobat', name: 'Adobe Acrobat Pro', version: '2025', publisher: 'adobe' },
  { key: 'cc', name: 'Adobe Creative Cloud All Apps', version: '2025', publisher: 'adobe' },
  { key: 'idea', name: 'IntelliJ IDEA Ultimate', version: '2025.2', publisher: 'jetbrains' },
  { key: 'jira', name: 'Jira Software Cloud', version: 'Cloud', publisher: 'atlassian' },
  { key: 'vsphere', name: 'VMware vSphere Foundation', version: '8.0', publisher: 'broadcom' },
];

/** The department the demo department head manages: it has teams, persons and assets below it. */
export const DEMO_DEPARTMENT = 'NW-TECH-IT';

export const DEMO_PASSWORD = 'Seatkeeper-Demo-1';

export const DEMO_USERS: {
  email: string;
  displayName: string;
  role: Exclude<Role, 'admin'>;
  orgUnit?: string;
}[] = [
  { email: 'asset.manager@seatkeeper.local', displayName: 'Demo Asset Manager', role: 'asset_manager' },
  {
    email: 'department.head@seatkeeper.local',
    displayName: 'Demo Department Head (IT)',
    role: 'department_head',
    orgUnit: DEMO_DEPARTMENT,
  },
  { email: 'finance@seatkeeper.local', displayName: 'Demo Finance', role: 'finance' },
];

/** The whole data set; `today` (YYYY-MM-DD) anchors the expiration dates. */
export function buildDemoData(today: string): DemoData {
  const persons = demoPersons();
  const assets = demoAssets(persons);
  const licenses = demoLicenses(today);
  return {
    organizations: DEMO_ORGANIZATIONS,
    orgUnits: DEMO_ORG_UNITS,
    locations: DEMO_LOCATIONS,
    categories: DEMO_CATEGORIES,
    software: DEMO_SOFTWARE,
    persons,
    assets,
    licenses,
    seats: demoSeats(licenses, DEMO_ORG_UNITS, persons, assets),
  };
}
