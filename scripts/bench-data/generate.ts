import { generateDevices } from './devices';
import { generateEvents } from './history';
import { generateLicenses } from './licenses';
import { Model } from './model';
import { Counts } from './options';
import { generateAssets, generatePersons } from './people';
import { HolderPools, unitsUnder } from './pools';
import { generateOrgUnits, subtrees } from './org-units';
import { CATEGORIES, generateLocations, generateOrganizations } from './organizations';
import { generateSoftware, MANUFACTURERS } from './products';
import { Rng } from './random';
import { generateSeats } from './seats';
import { dayStart } from './time';

/** The division the bench department head manages. */
export const DEPARTMENT_HEAD_UNIT = 'MG-TEC';
/** Share of the history that is past holders (an assign and a release each). */
const PAST_HOLDER_EVENTS = 0.3;
/** Active device activations, as a share of the history (one activate event each). */
const DEVICE_EVENTS = 0.2;

/**
 * The whole organization in memory. Each table draws from its own seeded stream,
 * so the output depends only on the counts and `today`.
 */
export function generateModel(counts: Counts, today: string): Model {
  const now = dayStart(today) - 60_000;
  const organizations = generateOrganizations(new Rng(1001), MANUFACTURERS);
  const locations = generateLocations(new Rng(1002));
  const orgUnits = generateOrgUnits(new Rng(1003), counts.orgUnits, organizations, locations);
  const publisherOf = (name: string) => organizations.findIndex((o) => o.name === name);
  const software = generateSoftware(new Rng(1004), counts.software, publisherOf);
  const persons = generatePersons(new Rng(1005), counts.persons, orgUnits, locations, today);
  const assets = generateAssets(new Rng(1006), counts.assets, persons, orgUnits, locations, today);
  const categoryRng = new Rng(1010);
  const categories = CATEGORIES.map((name) => ({ id: categoryRng.uuid(), name }));
  const licenses = generateLicenses(new Rng(1007), counts.licenses, counts.rootPoolLicenses, {
    organizations,
    locations,
    orgUnits,
    categories: CATEGORIES,
    software,
    today,
  });
  const subtree = subtrees(orgUnits);
  const seats = generateSeats(
    new Rng(1008),
    {
      licenses,
      persons,
      assets,
      pools: new HolderPools(persons, assets, subtree),
      unitDepth: orgUnits.map((u) => u.depth),
      departmentHeadUnits: unitsUnder(orgUnits, subtree, DEPARTMENT_HEAD_UNIT),
      now,
    },
    {
      active: counts.seats,
      released: Math.round((counts.seatEvents * PAST_HOLDER_EVENTS) / 2),
      roomyPerMetric: counts.freeLicensesPerMetric,
    },
  );
  const devices = generateDevices(
    new Rng(1009),
    { licenses, persons, assets, seats, now },
    Math.round(counts.seatEvents * DEVICE_EVENTS),
  );
  const events = generateEvents(seats, devices, counts.seatEvents);
  return {
    organizations,
    locations,
    orgUnits,
    categories,
    software,
    persons,
    assets,
    licenses,
    seats,
    devices,
    events,
  };
}
