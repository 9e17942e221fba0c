import { Location, Organization, OrgUnit } from './model';
import { Rng } from './random';

// prettier-ignore
const DIVISIONS: { code: string; name: string; country: string }[] = [
  { code: 'SAL', name: 'Sales & Marketing', country: 'DE' },
  { code: 'TEC', name: 'Technology', country: 'DE' },
  { code: 'OPS', name: 'Operations', country: 'PL' },
  { code: 'FIN', name: 'Finance & Administration', country: 'GB' },
  { code: 'RND', name: 'Research & Development', country: 'CH' },
  { code: 'CUS', name: 'Customer Service', country: 'US' },
  { code: 'MFG', name: 'Manufacturing', country: 'DE' },
  { code: 'HRM', name: 'People & Culture', country: 'DE' },
];

// prettier-ignore
const DEPARTMENTS = [
  'Inside Sales', 'Field Sales', 'Marketing', 'Product Management', 'IT Infrastructure', 'Software Development',
  'Service Desk', 'Information Security', 'Logistics', 'Procurement', 'Facility Management', 'Accounting',
  'Controlling', 'Treasury', 'Legal', 'Engineering', 'Quality Assurance', 'Production Planning',
  'Customer Support', 'Key Account Management', 'Data & Analytics', 'Corporate Communications', 'Internal Audit',
  'Compliance', 'Recruiting', 'Payroll', 'Learning & Development', 'Supply Chain', 'Warehouse', 'Maintenance',
  'Design', 'Field Service', 'E-Commerce', 'Partner Management', 'Research Lab', 'Business Intelligence',
];

/**
 * Root > divisions > departments > teams (four levels). The split keeps about
 * 3% divisions, 20% departments and the rest teams, so persons spread over many
 * small units and a license placed on a team reaches a few dozen people.
 */
export function generateOrgUnits(
  rng: Rng,
  total: number,
  organizations: Organization[],
  locations: Location[],
): OrgUnit[] {
  const divisions = Math.max(2, Math.min(DIVISIONS.length, Math.round(total / 35)));
  const departments = Math.max(divisions, Math.round((total - 1 - divisions) * 0.22));
  const teams = total - 1 - divisions - departments;
  if (teams < departments) throw new Error(`org units: ${total} is too few for a four-level tree`);

  const internal = (country: string) => {
    const i = organizations.findIndex(
      (o) => o.kind === 'internal' && o.country === country && o !== organizations[0],
    );
    if (i < 0) throw new Error(`no internal organization in ${country}`);
    return i;
  };
  const sitesIn = (country: string) =>
    locations.flatMap((l, i) => (l.level === 'site' && l.country === country ? [i] : []));

  const units: OrgUnit[] = [
    {
      id: rng.uuid(),
      name: organizations[0].name.replace(/ Holding AG$/, ''),
      code: 'MG',
      parent: null,
      depth: 0,
      organization: 0,
      site: sitesIn(organizations[0].country ?? 'DE')[0],
    },
  ];
  const divisionIdx: number[] = [];
  for (let d = 0; d < divisions; d++) {
    const def = DIVISIONS[d];
    const sites = sitesIn(def.country);
    divisionIdx.push(
      units.push({
        id: rng.uuid(),
        name: def.name,
        code: `MG-${def.code}`,
        parent: 0,
        depth: 1,
        organization: internal(def.country),
        site: sites[0],
      }) - 1,
    );
  }
  const departmentIdx: number[] = [];
  for (let i = 0; i < departments; i++) {
    const division = units[divisionIdx[i % divisions]];
    const round = Math.floor(i / DEPARTMENTS.length);
    const name = DEPARTMENTS[i % DEPARTMENTS.length] + (round ? ` ${round + 1}` : '');
    const sites = sitesIn(locations[division.site].country);
    departmentIdx.push(
      units.push({
        id: rng.uuid(),
        name,
        code: `${division.code}-${String(Math.floor(i / divisions) + 1).padStart(2, '0')}`,
        parent: divisionIdx[i % divisions],
        depth: 2,
        organization: division.organization,
        site: rng.pick(sites),
      }) - 1,
    );
  }
  for (let i = 0; i < teams; i++) {
    const parent = departmentIdx[i % departments];
    const department = units[parent];
    const n = Math.floor(i / departments) + 1;
    // Most teams sit where their department is; some elsewhere in the group.
    const site = rng.chance(0.75)
      ? department.site
      : rng.pick(locations.flatMap((l, j) => (l.level === 'site' ? [j] : [])));
    units.push({
      id: rng.uuid(),
      name: `${department.name} – ${locations[locations[site].parent ?? site].name} ${n}`,
      code: `${department.code}-T${n}`,
      parent,
      depth: 3,
      organization: department.organization,
      site,
    });
  }
  return units;
}

/** For each unit, the unit and every unit below it (its subtree), as indexes. */
export function subtrees(units: OrgUnit[]): number[][] {
  const out: number[][] = units.map((_, i) => [i]);
  // Children come after their parents, so walking backwards folds each subtree into its parent once.
  for (let i = units.length - 1; i >= 0; i--) {
    const parent = units[i].parent;
    if (parent !== null) out[parent].push(...out[i]);
  }
  return out;
}
