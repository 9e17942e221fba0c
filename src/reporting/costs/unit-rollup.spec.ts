import { NO_UNIT, UnitRollup } from './unit-rollup';

const rows = [
  { id: 'c', name: 'Company', code: 'C', parentId: null },
  { id: 'd', name: 'Division', code: 'D', parentId: 'c' },
  { id: 'p', name: 'Department', code: 'P', parentId: 'd' },
  { id: 't', name: 'Team', code: 'T', parentId: 'p' },
];

describe('UnitRollup', () => {
  it('names a unit itself without a depth', () => {
    expect(new UnitRollup(rows).groupOf('t')).toBe('Team (T)');
  });

  it('rolls deeper units up to the chosen level, and leaves shallower ones alone', () => {
    const divisions = new UnitRollup(rows, 1);
    expect(divisions.groupOf('t')).toBe('Division (D)');
    expect(divisions.groupOf('p')).toBe('Division (D)');
    expect(divisions.groupOf('d')).toBe('Division (D)');
    expect(divisions.groupOf('c')).toBe('Company (C)');
    expect(new UnitRollup(rows, 0).groupOf('t')).toBe('Company (C)');
  });

  it('has a group for lines without a unit', () => {
    expect(new UnitRollup(rows, 1).groupOf(null)).toBe(NO_UNIT);
  });
});
