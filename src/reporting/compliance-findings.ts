import { LicenseStatus } from '../licensing/licenses/license-status';

/** What the compliance query counts for one license. */
export interface ComplianceFacts {
  status: LicenseStatus;
  quantity: number;
  used: number;
  inactiveHolders: number;
  retiredHolders: number;
  outOfScope: number;
  seatsOverActivationLimit: number;
  activeDevices: number;
  maxActivations: number | null;
}

export const FINDING_CODES = [
  'EXPIRED_IN_USE',
  'OVER_ALLOCATED',
  'INACTIVE_HOLDERS',
  'RETIRED_HOLDERS',
  'OUT_OF_SCOPE',
  'OVER_ACTIVATION_LIMIT',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  count: number;
  message: string;
}

/** Turns the counts into findings an auditor reads; an empty list is a clean license. */
export function complianceFindings(f: ComplianceFacts): Finding[] {
  const findings: Finding[] = [];
  const add = (code: FindingCode, count: number, message: string) => {
    if (count > 0) findings.push({ code, count, message });
  };
  if (f.status === 'expired') add('EXPIRED_IN_USE', f.used, `Expired, yet ${f.used} seats are still in use.`);
  add('OVER_ALLOCATED', f.used - f.quantity, `${f.used} seats in use for a quantity of ${f.quantity}.`);
  add('INACTIVE_HOLDERS', f.inactiveHolders, `${f.inactiveHolders} seats are held by deactivated persons.`);
  add('RETIRED_HOLDERS', f.retiredHolders, `${f.retiredHolders} seats are held by retired assets.`);
  add('OUT_OF_SCOPE', f.outOfScope, `${f.outOfScope} seats are held outside the license's org unit.`);
  const overTotal = f.maxActivations === null ? 0 : f.activeDevices - f.maxActivations;
  add(
    'OVER_ACTIVATION_LIMIT',
    f.seatsOverActivationLimit + Math.max(0, overTotal),
    'Devices are activated beyond the per-user or total activation limit.',
  );
  return findings;
}
