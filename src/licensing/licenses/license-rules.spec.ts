import { DomainError } from '@libs/errors';
import { assertChangeKeepsUse } from './license-rules';

const inUse = { metric: 'per_user' as const, quantity: 10, usedSeats: 4, activeDevices: 3, deviceResets: 2 };
const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('assertChangeKeepsUse', () => {
  it('lets changes that keep what is in use through', () => {
    expect(
      codeOf(() => assertChangeKeepsUse(inUse, { quantity: 4, maxActivations: 3, maxDeviceResets: 2 })),
    ).toBeNull();
    expect(
      codeOf(() => assertChangeKeepsUse(inUse, { metric: 'per_user', maxActivations: null })),
    ).toBeNull();
    expect(
      codeOf(() => assertChangeKeepsUse({ ...inUse, usedSeats: 0 }, { metric: 'per_device' })),
    ).toBeNull();
  });

  it('refuses going below use', () => {
    expect(codeOf(() => assertChangeKeepsUse(inUse, { quantity: 3 }))).toBe('QUANTITY_BELOW_USE');
    expect(codeOf(() => assertChangeKeepsUse(inUse, { metric: 'per_device' }))).toBe('METRIC_IN_USE');
    expect(codeOf(() => assertChangeKeepsUse(inUse, { maxActivations: 2 }))).toBe('ACTIVATIONS_BELOW_USE');
    expect(codeOf(() => assertChangeKeepsUse(inUse, { maxDeviceResets: 1 }))).toBe('RESETS_BELOW_USE');
  });
});
