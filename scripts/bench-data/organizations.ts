import { Location, Organization } from './model';
import { Rng } from './random';

/** Internal companies of the group; the first owns the root unit. */
// prettier-ignore
export const INTERNAL: { name: string; country: string }[] = [
  { name: 'Meridian Group Holding AG', country: 'DE' },
  { name: 'Meridian Deutschland GmbH', country: 'DE' },
  { name: 'Meridian Polska Sp. z o.o.', country: 'PL' },
  { name: 'Meridian UK Ltd', country: 'GB' },
  { name: 'Meridian Schweiz AG', country: 'CH' },
  { name: 'Meridian Americas Inc.', country: 'US' },
];

/** Resellers; the country decides which licenses they are likely to sell. */
// prettier-ignore
export const SUPPLIERS: { name: string; country: string }[] = [
  { name: 'SoftwareOne Deutschland GmbH', country: 'DE' }, { name: 'Bechtle AG', country: 'DE' },
  { name: 'Cancom SE', country: 'DE' }, { name: 'Computacenter AG & Co. oHG', country: 'DE' },
  { name: 'Crayon Deutschland GmbH', country: 'DE' }, { name: 'Insight Technology Solutions GmbH', country: 'DE' },
  { name: 'TD SYNNEX Germany GmbH', country: 'DE' }, { name: 'SoftwareOne Polska Sp. z o.o.', country: 'PL' },
  { name: 'Crayon Poland Sp. z o.o.', country: 'PL' }, { name: 'Softcat plc', country: 'GB' },
  { name: 'CDW Ltd', country: 'GB' }, { name: 'Computacenter (UK) Ltd', country: 'GB' },
  { name: 'ALSO Schweiz AG', country: 'CH' }, { name: 'SoftwareOne AG', country: 'CH' },
  { name: 'SHI International Corp.', country: 'US' }, { name: 'CDW LLC', country: 'US' },
];

/** Country > city > site; every org unit, person and asset sits on a site. */
// prettier-ignore
const PLACES: { code: string; name: string; cities: { name: string; sites: string[] }[] }[] = [
  { code: 'DE', name: 'Germany', cities: [
    { name: 'Berlin', sites: ['Berlin HQ, Friedrichstraße 68', 'Berlin Data Center Adlershof'] },
    { name: 'Munich', sites: ['Munich Office, Leopoldstraße 32'] },
    { name: 'Hamburg', sites: ['Hamburg Office, Am Sandtorkai 50', 'Hamburg Warehouse Billbrook'] },
    { name: 'Frankfurt', sites: ['Frankfurt Office, Mainzer Landstraße 11'] },
  ] },
  { code: 'PL', name: 'Poland', cities: [
    { name: 'Warsaw', sites: ['Warsaw Office, ul. Prosta 20'] },
    { name: 'Kraków', sites: ['Kraków Service Center, ul. Lubicz 17'] },
  ] },
  { code: 'GB', name: 'United Kingdom', cities: [
    { name: 'London', sites: ['London Office, 30 Finsbury Square'] },
    { name: 'Manchester', sites: ['Manchester Office, 1 Spinningfields'] },
  ] },
  { code: 'CH', name: 'Switzerland', cities: [{ name: 'Zurich', sites: ['Zurich Office, Bahnhofstrasse 45'] }] },
  { code: 'US', name: 'United States', cities: [
    { name: 'New York', sites: ['New York Office, 250 Park Avenue'] },
    { name: 'Chicago', sites: ['Chicago Office, 233 S Wacker Drive'] },
  ] },
  { code: 'FR', name: 'France', cities: [{ name: 'Paris', sites: ['Paris Office, 12 Rue de la Paix'] }] },
  { code: 'NL', name: 'Netherlands', cities: [{ name: 'Amsterdam', sites: ['Amsterdam Office, Zuidas 4'] }] },
];

export const CATEGORIES = [
  'Open/MOLP',
  'OEM',
  'Retail',
  'Volume',
  'Subscription',
  'Enterprise Agreement',
  'CSP',
  'Concurrent',
  'Site License',
  'Academic',
];

/**
 * Internal companies first (in INTERNAL order), then the manufacturers (in the
 * order given), then the suppliers.
 */
export function generateOrganizations(rng: Rng, manufacturers: readonly string[]): Organization[] {
  return [
    ...INTERNAL.map((o) => ({ id: rng.uuid(), name: o.name, kind: 'internal' as const, country: o.country })),
    ...manufacturers.map((name) => ({ id: rng.uuid(), name, kind: 'manufacturer' as const })),
    ...SUPPLIERS.map((o) => ({
      id: rng.uuid(),
      name: o.name,
      kind: 'supplier' as const,
      country: o.country,
    })),
  ];
}

/** Parents precede children (inserts need no deferred foreign keys). */
export function generateLocations(rng: Rng): Location[] {
  const out: Location[] = [];
  for (const country of PLACES) {
    const c =
      out.push({
        id: rng.uuid(),
        name: country.name,
        parent: null,
        level: 'country',
        country: country.code,
      }) - 1;
    for (const city of country.cities) {
      const t =
        out.push({ id: rng.uuid(), name: city.name, parent: c, level: 'city', country: country.code }) - 1;
      for (const site of city.sites) {
        out.push({ id: rng.uuid(), name: site, parent: t, level: 'site', country: country.code });
      }
    }
  }
  return out;
}
