import type { DemoAsset, DemoPerson } from './demo-model';

/** mulberry32: a tiny seeded PRNG, so the "random" names and serials are the same on every start. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const NAMES = {
  de: {
    first: ['Anna', 'Lukas', 'Sophie', 'Jonas', 'Marie', 'Felix', 'Lea', 'Paul', 'Emma', 'Leon', 'Hannah', 'Elias',
      'Laura', 'Finn', 'Julia', 'Maximilian', 'Clara', 'David', 'Sarah', 'Tobias', 'Lena', 'Moritz', 'Aylin', 'Stefan'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
      'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Braun', 'Zimmermann', 'Krüger',
      'Hartmann', 'Lange', 'Werner', 'Demir'],
  },
  pl: {
    first: ['Katarzyna', 'Piotr', 'Agnieszka', 'Tomasz', 'Magdalena', 'Paweł', 'Joanna', 'Michał'],
    last: ['Nowak', 'Wójcik', 'Kaczmarek', 'Mazur', 'Krawczyk', 'Zając', 'Król', 'Wieczorek'],
  },
};

/** Who works where: org unit, location, headcount, and how many of them have left (inactive). */
const STAFFING: { orgUnit: string; location: string; headcount: number; inactive?: number }[] = [
  { orgUnit: 'NW', location: 'BER-HQ-301', headcount: 1 },
  { orgUnit: 'NW-SO', location: 'BER-HQ', headcount: 1 },
  { orgUnit: 'NW-SO-SAL', location: 'BER-HQ', headcount: 5 },
  { orgUnit: 'NW-SO-SAL', location: 'MUC-OFFICE', headcount: 3, inactive: 1 },
  { orgUnit: 'NW-SO-LOG', location: 'MUC-OFFICE', headcount: 6 },
  { orgUnit: 'NW-SO-LOG', location: 'WAW-OFFICE', headcount: 1 },
  { orgUnit: 'NW-TECH', location: 'BER-HQ', headcount: 1 },
  { orgUnit: 'NW-TECH-IT', location: 'BER-HQ', headcount: 2 },
  { orgUnit: 'NW-TECH-IT-SD', location: 'BER-HQ', headcount: 5 },
  { orgUnit: 'NW-TECH-IT-INF', location: 'BER-HQ', headcount: 4 },
  { orgUnit: 'NW-TECH-DEV', location: 'MUC-OFFICE', headcount: 4 },
  { orgUnit: 'NW-TECH-DEV', location: 'WAW-OFFICE', headcount: 6, inactive: 1 },
  { orgUnit: 'NW-CORP', location: 'BER-HQ', headcount: 1 },
  { orgUnit: 'NW-CORP-FIN', location: 'BER-HQ', headcount: 6 },
  { orgUnit: 'NW-CORP-HR', location: 'BER-HQ', headcount: 4 },
];

export const EMAIL_DOMAIN = 'northwind.example';

/** 50 employees with unique names, emails and employee numbers; Polish names in Warsaw. */
export function demoPersons(): DemoPerson[] {
  const random = prng(20250101);
  const names = { de: namePool(NAMES.de, random), pl: namePool(NAMES.pl, random) };
  const persons: DemoPerson[] = [];
  for (const { orgUnit, location, headcount, inactive = 0 } of STAFFING) {
    for (let i = 0; i < headcount; i++) {
      const [firstName, lastName] = (location === 'WAW-OFFICE' ? names.pl : names.de)();
      persons.push({
        firstName,
        lastName,
        email: `${ascii(firstName)}.${ascii(lastName)}@${EMAIL_DOMAIN}`,
        employeeNumber: `E-${1001 + persons.length}`,
        orgUnit,
        location,
        active: i < headcount - inactive,
      });
    }
  }
  return persons;
}

/**
 * Shuffled first and last names, paired so that no full name repeats and no name
 * shows up more often than the others (the lists have equal length).
 */
function namePool(names: { first: string[]; last: string[] }, random: () => number): () => [string, string] {
  const first = shuffle(names.first, random);
  const last = shuffle(names.last, random);
  let n = 0;
  return () => {
    const round = Math.floor(n / first.length);
    const pair: [string, string] = [first[n % first.length], last[(n + round * 5) % last.length]];
    n++;
    return pair;
  };
}

function shuffle<T>(list: T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/** "Paweł Wójcik" → "pawel.wojcik", "Schröder" → "schroeder", as mail systems spell them. */
function ascii(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

const DESK_UNITS = new Set(['NW-SO-LOG', 'NW-TECH-IT-SD']); // desktops instead of laptops
const PHONE_UNITS = new Set(['NW', 'NW-SO', 'NW-TECH', 'NW-CORP', 'NW-SO-SAL']);
const SITE: Record<string, string> = { 'MUC-OFFICE': 'MUC', 'WAW-OFFICE': 'WAW' }; // everything else is Berlin

const SERVERS = ['esx-ber-01', 'esx-ber-02', 'esx-ber-03', 'sql-ber-01', 'bkp-ber-01', 'nas-ber-01'];
const VIRTUAL_MACHINES: [name: string, orgUnit: string][] = [
  ['vm-dc-01', 'NW-TECH-IT-INF'],
  ['vm-dc-02', 'NW-TECH-IT-INF'],
  ['vm-file-01', 'NW-TECH-IT-INF'],
  ['vm-print-01', 'NW-TECH-IT-INF'],
  ['vm-erp-01', 'NW-TECH-IT-INF'],
  ['vm-erp-db-01', 'NW-TECH-IT-INF'],
  ['vm-build-01', 'NW-TECH-DEV'],
  ['vm-build-02', 'NW-TECH-DEV'],
];

/**
 * 80 devices: a laptop or desktop per employee (returned to stock when they left),
 * phones for management and sales, spare and retired hardware, servers and VMs.
 */
export function demoAssets(persons: DemoPerson[]): DemoAsset[] {
  const random = prng(20250202);
  const serial = (prefix: string, length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') =>
    prefix + Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const counters = new Map<string, number>();
  const nextName = (prefix: string, site: string) => {
    const key = `${prefix}-${site}`;
    counters.set(key, (counters.get(key) ?? 0) + 1);
    return `${key}-${String(counters.get(key)).padStart(3, '0')}`;
  };
  const assets: DemoAsset[] = [];
  const add = (asset: Omit<DemoAsset, 'inventoryNumber'>) =>
    assets.push({ ...asset, inventoryNumber: `INV-${String(101 + assets.length).padStart(6, '0')}` });

  for (const p of persons) {
    const site = SITE[p.location] ?? 'BER';
    const desk = DESK_UNITS.has(p.orgUnit);
    add({
      name: nextName(desk ? 'PC' : 'NB', site),
      serialNumber: desk ? serial('CZC', 7) : serial('PF', 8),
      kind: desk ? 'desktop' : 'laptop',
      ...(p.active
        ? { status: 'in_use', orgUnit: p.orgUnit, location: p.location, owner: p.employeeNumber }
        : { status: 'in_stock', orgUnit: 'NW-TECH-IT', location: 'BER-HQ-IT', owner: null }),
    });
  }
  for (const p of persons.filter((p) => p.active && PHONE_UNITS.has(p.orgUnit))) {
    const site = SITE[p.location] ?? 'BER';
    add({
      name: nextName('MOB', site),
      serialNumber: serial('F', 11),
      kind: 'mobile',
      status: 'in_use',
      orgUnit: p.orgUnit,
      location: p.location,
      owner: p.employeeNumber,
    });
  }
  const spares: [kind: 'laptop' | 'desktop', status: 'in_stock' | 'retired'][] = [
    ['laptop', 'in_stock'],
    ['laptop', 'in_stock'],
    ['laptop', 'retired'],
    ['laptop', 'retired'],
    ['desktop', 'retired'],
  ];
  for (const [kind, status] of spares) {
    add({
      name: nextName(kind === 'laptop' ? 'NB' : 'PC', 'BER'),
      serialNumber: kind === 'laptop' ? serial('PF', 8) : serial('CZC', 7),
      kind,
      status,
      orgUnit: 'NW-TECH-IT',
      location: 'BER-HQ-IT',
      owner: null,
    });
  }
  for (const name of SERVERS) {
    add({
      name,
      serialNumber: serial('', 7),
      kind: 'server',
      status: 'in_use',
      orgUnit: 'NW-TECH-IT-INF',
      location: 'BER-HQ-SRV',
      owner: null,
    });
  }
  for (const [name, orgUnit] of VIRTUAL_MACHINES) {
    add({
      name,
      serialNumber: serial('VMware-42', 14, '0123456789abcdef'),
      kind: 'virtual_machine',
      status: 'in_use',
      orgUnit,
      location: 'BER-HQ-SRV',
      owner: null,
    });
  }
  return assets;
}
