import { maskKey } from './license-keys.service';

describe('maskKey', () => {
  it('shows only the last 4 characters behind five asterisks and a dash', () => {
    expect(maskKey('ABCDE-12345-FGHIJ-1A2B')).toBe('*****-1A2B');
    expect(maskKey('12345')).toBe('*****-2345');
  });

  it('shows nothing of a key of 4 characters or fewer', () => {
    expect(maskKey('1A2B')).toBe('*****');
    expect(maskKey('x')).toBe('*****');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(maskKey('KEY-🔑🔑🔑🔑')).toBe('*****-🔑🔑🔑🔑');
  });
});
