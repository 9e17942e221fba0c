import { Metric, Software } from './model';
import { Rng } from './random';

/** A product line of the catalog; each version is one software title. */
export interface Family {
  name: string;
  publisher: string;
  versions: string[];
  metric: Metric;
  /** Net unit price in EUR (per year for subscriptions). */
  price: number;
  subscription: boolean;
  /** per_device server software: goes on servers and virtual machines. */
  server?: boolean;
  /** Relative number of licenses bought of this family. */
  popularity: number;
}

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/**
 * The catalog, most common products first: at the smallest scale the titles are
 * taken round-robin from the top, so "Office", "Adobe" and "AutoCAD" always exist.
 */
// prettier-ignore
export const FAMILIES: Family[] = [
  { name: 'Microsoft Office LTSC Professional Plus', publisher: 'Microsoft Corporation', versions: ['2021', '2024'], metric: 'per_device', price: 429, subscription: false, popularity: 10 },
  { name: 'Adobe Acrobat Pro', publisher: 'Adobe Inc.', versions: ['2017', '2020', '2024', 'DC'], metric: 'per_user', price: 239.88, subscription: true, popularity: 9 },
  { name: 'AutoCAD', publisher: 'Autodesk Inc.', versions: years(2018, 2026), metric: 'per_user', price: 2200, subscription: true, popularity: 6 },
  { name: 'Microsoft 365 E3', publisher: 'Microsoft Corporation', versions: ['2022', '2023', '2024', '2025'], metric: 'per_user', price: 404.4, subscription: true, popularity: 10 },
  { name: 'Windows 11 Pro', publisher: 'Microsoft Corporation', versions: ['21H2', '22H2', '23H2', '24H2'], metric: 'per_device', price: 145, subscription: false, popularity: 9 },
  { name: 'Microsoft Office Professional Plus', publisher: 'Microsoft Corporation', versions: ['2013', '2016', '2019'], metric: 'per_device', price: 399, subscription: false, popularity: 6 },
  { name: 'Adobe Creative Cloud All Apps', publisher: 'Adobe Inc.', versions: years(2021, 2026), metric: 'per_user', price: 779.88, subscription: true, popularity: 5 },
  { name: 'AutoCAD LT', publisher: 'Autodesk Inc.', versions: years(2018, 2026), metric: 'per_user', price: 495, subscription: true, popularity: 4 },
  { name: 'Windows Server Standard', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2022', '2025'], metric: 'per_device', price: 1069, subscription: false, server: true, popularity: 5 },
  { name: 'Microsoft Visio Professional', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2021', '2024'], metric: 'per_device', price: 529, subscription: false, popularity: 3 },
  { name: 'Microsoft Project Professional', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2021', '2024'], metric: 'per_device', price: 1199, subscription: false, popularity: 3 },
  { name: 'Adobe Acrobat Standard', publisher: 'Adobe Inc.', versions: ['2017', '2020', '2024', 'DC'], metric: 'per_user', price: 155.88, subscription: true, popularity: 5 },
  { name: 'Adobe Photoshop', publisher: 'Adobe Inc.', versions: years(2021, 2026), metric: 'per_user', price: 287.88, subscription: true, popularity: 3 },
  { name: 'Adobe Illustrator', publisher: 'Adobe Inc.', versions: years(2021, 2026), metric: 'per_user', price: 287.88, subscription: true, popularity: 2 },
  { name: 'Adobe InDesign', publisher: 'Adobe Inc.', versions: years(2021, 2026), metric: 'per_user', price: 287.88, subscription: true, popularity: 2 },
  { name: 'Adobe Premiere Pro', publisher: 'Adobe Inc.', versions: years(2022, 2026), metric: 'per_user', price: 287.88, subscription: true, popularity: 1 },
  { name: 'Microsoft 365 E5', publisher: 'Microsoft Corporation', versions: ['2023', '2024', '2025'], metric: 'per_user', price: 657.6, subscription: true, popularity: 4 },
  { name: 'Microsoft 365 Business Premium', publisher: 'Microsoft Corporation', versions: ['2023', '2024', '2025'], metric: 'per_user', price: 247.2, subscription: true, popularity: 4 },
  { name: 'Windows 11 Enterprise', publisher: 'Microsoft Corporation', versions: ['22H2', '23H2', '24H2'], metric: 'per_device', price: 84, subscription: true, popularity: 4 },
  { name: 'Windows 10 Enterprise LTSC', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2021'], metric: 'per_device', price: 310, subscription: false, popularity: 2 },
  { name: 'Windows Server Datacenter', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2022', '2025'], metric: 'per_device', price: 6155, subscription: false, server: true, popularity: 2 },
  { name: 'SQL Server Standard', publisher: 'Microsoft Corporation', versions: ['2016', '2017', '2019', '2022'], metric: 'per_device', price: 3945, subscription: false, server: true, popularity: 2 },
  { name: 'SQL Server Enterprise', publisher: 'Microsoft Corporation', versions: ['2016', '2017', '2019', '2022'], metric: 'per_device', price: 15123, subscription: false, server: true, popularity: 1 },
  { name: 'Visual Studio Professional Subscription', publisher: 'Microsoft Corporation', versions: ['2019', '2022'], metric: 'per_user', price: 499, subscription: true, popularity: 3 },
  { name: 'Visual Studio Enterprise Subscription', publisher: 'Microsoft Corporation', versions: ['2019', '2022'], metric: 'per_user', price: 2999, subscription: true, popularity: 1 },
  { name: 'Power BI Pro', publisher: 'Microsoft Corporation', versions: ['2023', '2024', '2025'], metric: 'per_user', price: 134.4, subscription: true, popularity: 3 },
  { name: 'Exchange Server Standard CAL', publisher: 'Microsoft Corporation', versions: ['2016', '2019'], metric: 'per_user', price: 78, subscription: false, popularity: 2 },
  { name: 'Windows Server CAL', publisher: 'Microsoft Corporation', versions: ['2016', '2019', '2022', '2025'], metric: 'per_user', price: 43, subscription: false, popularity: 3 },
  { name: 'Revit', publisher: 'Autodesk Inc.', versions: years(2020, 2026), metric: 'per_user', price: 3025, subscription: true, popularity: 2 },
  { name: 'Inventor Professional', publisher: 'Autodesk Inc.', versions: years(2020, 2026), metric: 'per_user', price: 2650, subscription: true, popularity: 1 },
  { name: 'Autodesk Fusion', publisher: 'Autodesk Inc.', versions: years(2023, 2026), metric: 'per_user', price: 680, subscription: true, popularity: 1 },
  { name: '3ds Max', publisher: 'Autodesk Inc.', versions: years(2021, 2026), metric: 'per_user', price: 2100, subscription: true, popularity: 1 },
  { name: 'IntelliJ IDEA Ultimate', publisher: 'JetBrains s.r.o.', versions: ['2022.3', '2023.1', '2023.3', '2024.1', '2024.3', '2025.1', '2025.2'], metric: 'per_user', price: 599, subscription: true, popularity: 3 },
  { name: 'PyCharm Professional', publisher: 'JetBrains s.r.o.', versions: ['2023.1', '2023.3', '2024.1', '2024.3', '2025.1'], metric: 'per_user', price: 299, subscription: true, popularity: 2 },
  { name: 'WebStorm', publisher: 'JetBrains s.r.o.', versions: ['2023.3', '2024.1', '2024.3', '2025.1'], metric: 'per_user', price: 199, subscription: true, popularity: 1 },
  { name: 'Rider', publisher: 'JetBrains s.r.o.', versions: ['2023.3', '2024.1', '2024.3', '2025.1'], metric: 'per_user', price: 419, subscription: true, popularity: 1 },
  { name: 'DataGrip', publisher: 'JetBrains s.r.o.', versions: ['2023.3', '2024.1', '2024.3', '2025.1'], metric: 'per_user', price: 259, subscription: true, popularity: 1 },
  { name: 'Jira Software', publisher: 'Atlassian Corporation', versions: ['Cloud', 'Data Center 9.12', 'Data Center 10.3'], metric: 'per_user', price: 93, subscription: true, popularity: 2 },
  { name: 'Confluence', publisher: 'Atlassian Corporation', versions: ['Cloud', 'Data Center 8.5', 'Data Center 9.2'], metric: 'per_user', price: 74, subscription: true, popularity: 2 },
  { name: 'Jira Service Management', publisher: 'Atlassian Corporation', versions: ['Cloud', 'Data Center 5.12'], metric: 'per_user', price: 212, subscription: true, popularity: 1 },
  { name: 'Oracle Database Enterprise Edition', publisher: 'Oracle Corporation', versions: ['12c', '19c', '21c', '23ai'], metric: 'per_device', price: 43500, subscription: false, server: true, popularity: 1 },
  { name: 'Oracle Java SE Universal Subscription', publisher: 'Oracle Corporation', versions: ['8', '11', '17', '21'], metric: 'per_user', price: 162, subscription: true, popularity: 2 },
  { name: 'SAP GUI for Windows', publisher: 'SAP SE', versions: ['7.60', '7.70', '8.00'], metric: 'per_user', price: 0, subscription: false, popularity: 2 },
  { name: 'SAP Crystal Reports', publisher: 'SAP SE', versions: ['2016', '2020', '2025'], metric: 'per_user', price: 545, subscription: false, popularity: 1 },
  { name: 'VMware vSphere Foundation', publisher: 'Broadcom Inc. (VMware)', versions: ['7.0', '8.0'], metric: 'per_device', price: 1620, subscription: true, server: true, popularity: 2 },
  { name: 'VMware Workstation Pro', publisher: 'Broadcom Inc. (VMware)', versions: ['16', '17'], metric: 'per_device', price: 199, subscription: false, popularity: 1 },
  { name: 'Citrix Virtual Apps and Desktops', publisher: 'Cloud Software Group (Citrix)', versions: ['7 2203 LTSR', '7 2402 LTSR'], metric: 'per_user', price: 228, subscription: true, popularity: 1 },
  { name: 'Zoom Workplace Business', publisher: 'Zoom Communications Inc.', versions: ['2024', '2025'], metric: 'per_user', price: 219.9, subscription: true, popularity: 2 },
  { name: 'Slack Business+', publisher: 'Salesforce Inc.', versions: ['2024', '2025'], metric: 'per_user', price: 162, subscription: true, popularity: 1 },
  { name: 'Salesforce Sales Cloud Enterprise', publisher: 'Salesforce Inc.', versions: ['2023', '2024', '2025'], metric: 'per_user', price: 1980, subscription: true, popularity: 2 },
  { name: 'Tableau Creator', publisher: 'Salesforce Inc.', versions: ['2023', '2024', '2025'], metric: 'per_user', price: 900, subscription: true, popularity: 1 },
  { name: 'Cisco Secure Client', publisher: 'Cisco Systems Inc.', versions: ['4.10', '5.0', '5.1'], metric: 'per_user', price: 36, subscription: true, popularity: 2 },
  { name: 'Webex Meetings', publisher: 'Cisco Systems Inc.', versions: ['2024', '2025'], metric: 'per_user', price: 144, subscription: true, popularity: 1 },
  { name: 'Red Hat Enterprise Linux Server', publisher: 'Red Hat Inc.', versions: ['7', '8', '9', '10'], metric: 'per_device', price: 349, subscription: true, server: true, popularity: 2 },
  { name: 'SOLIDWORKS Professional', publisher: 'Dassault Systèmes SE', versions: years(2021, 2026), metric: 'per_device', price: 6700, subscription: false, popularity: 1 },
  { name: 'CATIA V5', publisher: 'Dassault Systèmes SE', versions: ['R2021', 'R2022', 'R2024'], metric: 'per_user', price: 9800, subscription: true, popularity: 1 },
  { name: 'PTC Creo Parametric', publisher: 'PTC Inc.', versions: ['9', '10', '11'], metric: 'per_user', price: 2900, subscription: true, popularity: 1 },
  { name: 'MATLAB', publisher: 'The MathWorks Inc.', versions: ['R2022b', 'R2023a', 'R2023b', 'R2024a', 'R2024b', 'R2025a'], metric: 'per_user', price: 940, subscription: true, popularity: 2 },
  { name: 'ArcGIS Pro', publisher: 'Esri Inc.', versions: ['3.0', '3.1', '3.2', '3.3', '3.4'], metric: 'per_user', price: 780, subscription: true, popularity: 1 },
  { name: 'SketchUp Pro', publisher: 'Trimble Inc.', versions: years(2021, 2026), metric: 'per_user', price: 349, subscription: true, popularity: 1 },
  { name: 'CorelDRAW Graphics Suite', publisher: 'Alludo (Corel)', versions: years(2021, 2026), metric: 'per_device', price: 549, subscription: false, popularity: 1 },
  { name: 'TeamViewer Business', publisher: 'TeamViewer SE', versions: ['15', '2024', '2025'], metric: 'per_user', price: 430, subscription: true, popularity: 1 },
  { name: 'Veeam Backup & Replication', publisher: 'Veeam Software Group GmbH', versions: ['11', '12', '12.3'], metric: 'per_device', price: 1150, subscription: true, server: true, popularity: 1 },
  { name: 'Sophos Intercept X Advanced', publisher: 'Sophos Ltd', versions: ['2023', '2024', '2025'], metric: 'per_device', price: 38, subscription: true, popularity: 3 },
  { name: 'ESET PROTECT Entry', publisher: 'ESET spol. s r.o.', versions: ['10', '11', '12'], metric: 'per_device', price: 29, subscription: true, popularity: 2 },
  { name: 'Docker Business', publisher: 'Docker Inc.', versions: ['2024', '2025'], metric: 'per_user', price: 264, subscription: true, popularity: 1 },
  { name: 'GitHub Enterprise', publisher: 'GitHub Inc.', versions: ['Cloud', 'Server 3.12', 'Server 3.15'], metric: 'per_user', price: 231, subscription: true, popularity: 1 },
  { name: 'Figma Professional', publisher: 'Figma Inc.', versions: ['2024', '2025'], metric: 'per_user', price: 180, subscription: true, popularity: 1 },
  { name: 'Parallels Desktop Business', publisher: 'Parallels International GmbH', versions: ['18', '19', '20'], metric: 'per_device', price: 149.99, subscription: true, popularity: 1 },
  { name: 'Snagit', publisher: 'TechSmith Corporation', versions: years(2021, 2026), metric: 'per_user', price: 62.99, subscription: false, popularity: 2 },
  { name: 'ABBYY FineReader PDF', publisher: 'ABBYY Solutions Ltd', versions: ['15', '16'], metric: 'per_device', price: 199, subscription: false, popularity: 1 },
  { name: 'DeepL Pro Advanced', publisher: 'DeepL SE', versions: ['2024', '2025'], metric: 'per_user', price: 300, subscription: true, popularity: 1 },
];

/** Manufacturers named by the catalog, in catalog order. */
export const MANUFACTURERS = [...new Set(FAMILIES.map((f) => f.publisher))];

/** Edition suffixes, used only once every family's versions are taken (scales above 1). */
const EDITIONS = ['', ' (DE)', ' (EN)', ' (FR)', ' (PL)', ' Education', ' Government', ' Non-Profit'];

/**
 * `count` titles, unique by (name, version): round-robin over the families,
 * newest version first, then editions. publisherOf maps a publisher's name to its
 * organization index.
 */
export function generateSoftware(rng: Rng, count: number, publisherOf: (name: string) => number): Software[] {
  const out: Software[] = [];
  const maxVersions = Math.max(...FAMILIES.map((f) => f.versions.length));
  for (const edition of EDITIONS) {
    for (let v = 0; v < maxVersions; v++) {
      for (let f = 0; f < FAMILIES.length; f++) {
        const family = FAMILIES[f];
        if (v >= family.versions.length) continue;
        if (out.length === count) return out;
        out.push({
          id: rng.uuid(),
          name: family.name + edition,
          version: family.versions[family.versions.length - 1 - v],
          publisher: publisherOf(family.publisher),
          family: f,
        });
      }
    }
  }
  if (out.length < count)
    throw new Error(`the catalog holds only ${out.length} software titles, ${count} asked`);
  return out;
}
