import { ComplianceFacts, complianceFindings } from './compliance-findings';

const clean: ComplianceFacts = {
  status: 'active',
  quantity: 10,
  used: 4,
  inactiveHolders: 0,
  retiredHolders: 0,
  outOfScope: 0,
  seatsOverActivationLimit: 0,
  activeDevices: 2,
  maxActivations: 5,
};

describe('complianceFindings', () => {
  it('finds nothing in a clean license', () => {
    expect(complianceFindings(clean)).toEqual([]);
    expect(complianceFindings({ ...clean, status: 'expired', used: 0 })).toEqual([]);
  });

  it('names each problem with its count', () => {
    const findings = complianceFindings({
      ...clean,
      status: 'expired',
      inactiveHolders: 1,
      retiredHolders: 2,
      outOfScope: 3,
      seatsOverActivationLimit: 1,
      activeDevices: 7,
    });
    expect(findings.map((f) => [f.code, f.count])).toEqual([
      ['EXPIRED_IN_USE', 4],
      ['INACTIVE_HOLDERS', 1],
      ['RETIRED_HOLDERS', 2],
      ['OUT_OF_SCOPE', 3],
      ['OVER_ACTIVATION_LIMIT', 3],
    ]);
    expect(complianceFindings({ ...clean, used: 12 })[0]).toMatchObject({ code: 'OVER_ALLOCATED', count: 2 });
  });
});
