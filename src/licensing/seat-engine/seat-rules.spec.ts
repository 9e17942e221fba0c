import { DomainError } from '@libs/errors';
import {
  assertActivationAllowed,
  assertMetric,
  assertResetsAllowed,
  assertSeatsAvailable,
  SeatLimits,
} from './seat-rules';

const license = (over: Partial<SeatLimits> = {}): SeatLimits => ({
  id: 'l1',
  metric: 'per_user',
  quantity: 5,
  usedSeats: 2,
  maxActivationsPerUser: 1,
  maxActivations: null,
  activeDevices: 0,
  maxDeviceResets: null,
  deviceResets: 0,
  ...over,
});

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('seat rules', () => {
  it('fits requests up to the free seats, and refuses the whole request beyond', () => {
    expect(() => assertSeatsAvailable(license(), 3)).not.toThrow();
    const e = refusal(() => assertSeatsAvailable(license(), 4));
    expect(e.code).toBe('SEATS_EXHAUSTED');
    expect(e.details).toEqual({ quantity: 5, used: 2, available: 3, requested: 4 });
  });

  it('matches holders to the metric', () => {
    expect(() => assertMetric(license(), 'person')).not.toThrow();
    expect(refusal(() => assertMetric(license(), 'asset')).code).toBe('WRONG_METRIC');
    expect(refusal(() => assertMetric(license({ metric: 'per_device' }), 'person')).code).toBe(
      'WRONG_METRIC',
    );
  });

  it('bounds activations per user and per license', () => {
    expect(() => assertActivationAllowed(license({ maxActivationsPerUser: 2 }), 1)).not.toThrow();
    expect(refusal(() => assertActivationAllowed(license(), 1)).details).toMatchObject({
      limit: 'maxActivationsPerUser',
      max: 1,
    });
    const total = license({ maxActivationsPerUser: 3, maxActivations: 4, activeDevices: 4 });
    expect(refusal(() => assertActivationAllowed(total, 0)).details).toMatchObject({
      limit: 'maxActivations',
      max: 4,
    });
  });

  it('counts resets against maxDeviceResets, all or none', () => {
    expect(() => assertResetsAllowed(license(), 100)).not.toThrow();
    const limited = license({ maxDeviceResets: 3, deviceResets: 1 });
    expect(() => assertResetsAllowed(limited, 2)).not.toThrow();
    const e = refusal(() => assertResetsAllowed(limited, 3));
    expect(e.code).toBe('RESET_LIMIT');
    expect(e.details).toEqual({ max: 3, used: 1, remaining: 2, requested: 3 });
  });
});
