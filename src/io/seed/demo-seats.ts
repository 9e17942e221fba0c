import type { AssetKind } from '../../inventory/assets/asset.entity';
import type { DemoAsset, DemoLicense, DemoOrgUnit, DemoPerson, DemoSeats } from './demo-model';

type Plan = (
  | {
      /** How many holders: the first ones eligible, in data order. */
      holders: number;
      /** per_device: the kinds of asset it goes on. */
      kinds?: AssetKind[];
    }
  | {
      /** per_device: these assets (servers, VMs), by name. */
      assets: string[];
    }
) & {
  /** per_user: each holder activates it on their own devices in use, up to the license's limits. */
  devices?: boolean;
};

/**
 * How far each license is used, so the demo shows partly used, full and unused
 * licenses, devices activated, and an expired license still in use (a compliance
 * finding). Licenses not listed have no seats.
 */
const PLANS: Record<string, Plan> = {
  'Microsoft 365 E3 – Company-wide': { holders: 40, devices: true },
  'Microsoft 365 E3 – Development add-on': { holders: 8 },
  'Windows 11 Pro OEM – Laptop fleet 2025': { holders: 30, kinds: ['laptop'] },
  'Windows 11 Pro OEM – Desktops 2026': { holders: 7, kinds: ['desktop'] },
  'Windows 11 Pro Volume Upgrade – Corporate Services': { holders: 11, kinds: ['laptop'] },
  'Office LTSC Professional Plus 2024 – Finance': { holders: 6, kinds: ['laptop'] },
  'Office LTSC Professional Plus 2024 – Service Desk': { holders: 5, kinds: ['desktop'] },
  'Office LTSC Professional Plus 2024 – Logistics': { holders: 7, kinds: ['desktop'] },
  'Windows Server 2025 Datacenter – Cluster Berlin': { holders: 6, kinds: ['server'] },
  'SQL Server 2022 Standard – ERP': { assets: ['sql-ber-01', 'vm-erp-db-01'] },
  'VMware vSphere Foundation – Cluster Berlin': { assets: ['esx-ber-01', 'esx-ber-02', 'esx-ber-03'] },
  'Adobe Acrobat Pro – Company pool': { holders: 25 },
  'Adobe Acrobat Pro – Finance 2025': { holders: 3 },
  'Adobe Creative Cloud All Apps – Sales': { holders: 5, devices: true },
  'IntelliJ IDEA Ultimate – Development': { holders: 9, devices: true },
  'IntelliJ IDEA Ultimate – Infrastructure': { holders: 4, devices: true },
  'Jira Software Cloud Standard': { holders: 21 },
};

/**
 * The seats of the demo licenses, chosen by the rules an assignment must pass:
 * active persons and assets in use, on the license's org unit or below it.
 */
export function demoSeats(
  licenses: DemoLicense[],
  orgUnits: DemoOrgUnit[],
  persons: DemoPerson[],
  assets: DemoAsset[],
): DemoSeats[] {
  const within = subtreeOf(orgUnits);
  return licenses.flatMap((license) => {
    const plan = PLANS[license.name];
    if (!plan) return [];
    const usable = (orgUnit: string) => license.orgUnit === null || within(license.orgUnit).has(orgUnit);
    if (license.metric === 'per_device') {
      const eligible = assets.filter((a) => a.status === 'in_use' && usable(a.orgUnit));
      const chosen =
        'assets' in plan
          ? plan.assets.map((name) => pick(eligible, (a) => a.name === name, license, name))
          : first(
              eligible.filter((a) => plan.kinds?.includes(a.kind)),
              plan.holders,
              license,
            );
      return [{ license: license.name, holders: chosen.map((a) => a.inventoryNumber), devices: [] }];
    }
    if (!('holders' in plan))
      throw new Error(`demo data: ${license.name} is per_user, its holders are persons`);
    const chosen = first(
      persons.filter((p) => p.active && usable(p.orgUnit)),
      plan.holders,
      license,
    );
    return [
      {
        license: license.name,
        holders: chosen.map((p) => p.employeeNumber),
        devices: plan.devices ? devicesOf(license, chosen, assets) : [],
      },
    ];
  });
}

/** Each holder's own devices in use, as many as the per-user and the license-wide limits allow. */
function devicesOf(license: DemoLicense, holders: DemoPerson[], assets: DemoAsset[]): DemoSeats['devices'] {
  const perUser = license.maxActivationsPerUser ?? 1;
  const devices: DemoSeats['devices'] = [];
  for (const person of holders) {
    const own = assets.filter((a) => a.owner === person.employeeNumber && a.status === 'in_use');
    for (const asset of own.slice(0, perUser)) {
      if (license.maxActivations !== undefined && devices.length >= license.maxActivations) return devices;
      devices.push({ person: person.employeeNumber, asset: asset.inventoryNumber });
    }
  }
  return devices;
}

function first<T>(eligible: T[], n: number, license: DemoLicense): T[] {
  if (eligible.length < n) {
    throw new Error(`demo data: ${license.name} has ${eligible.length} eligible holders, not ${n}`);
  }
  return eligible.slice(0, n);
}

function pick<T>(eligible: T[], match: (item: T) => boolean, license: DemoLicense, name: string): T {
  const found = eligible.find(match);
  if (!found) throw new Error(`demo data: ${name} cannot hold a seat of ${license.name}`);
  return found;
}

/** The codes of an org unit and everything below it. */
function subtreeOf(orgUnits: DemoOrgUnit[]): (code: string) => Set<string> {
  return (code) => {
    const codes = new Set([code]);
    // Parents precede their children, so one pass collects the whole subtree.
    for (const u of orgUnits) if (u.parent && codes.has(u.parent)) codes.add(u.code);
    return codes;
  };
}
