import { addDays, EXPIRY_WARNING_DAYS, licenseStatus, statusCondition, todayIso } from './license-status';

describe('licenseStatus', () => {
  const today = '2026-03-15';

  it('is active without an expiration date', () => {
    expect(licenseStatus(null, today)).toBe('active');
  });

  it('is expired only after the expiration date', () => {
    expect(licenseStatus('2026-03-14', today)).toBe('expired');
    expect(licenseStatus('2020-01-01', today)).toBe('expired');
    expect(licenseStatus('2026-03-15', today)).toBe('expiring');
  });

  it('is expiring within the warning window, inclusive, and active beyond it', () => {
    expect(EXPIRY_WARNING_DAYS).toBe(30);
    expect(licenseStatus('2026-04-14', today)).toBe('expiring');
    expect(licenseStatus('2026-04-15', today)).toBe('active');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('takes today in UTC', () => {
    expect(todayIso(new Date('2026-03-15T23:59:59Z'))).toBe('2026-03-15');
    expect(todayIso(new Date('2026-03-16T00:30:00+02:00'))).toBe('2026-03-15');
  });

  it('has an SQL condition for every status', () => {
    expect(statusCondition('expired', 'l.x')).toContain('l.x < ');
    expect(statusCondition('expiring', 'l.x')).toContain('BETWEEN');
    expect(statusCondition('active', 'l.x')).toContain('l.x IS NULL');
  });
});
