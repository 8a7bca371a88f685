import { describe, expect, it } from 'vitest';
import { ageClassFor } from './age-class.ts';

describe('ageClassFor', () => {
  it('counts the class from April 1, with April 1 birthdays in the older class', () => {
    expect(ageClassFor('2024-04-01', '2025-04')).toBe(1);
    expect(ageClassFor('2024-04-02', '2025-04')).toBe(0);
    expect(ageClassFor('2024-04-02', '2026-03')).toBe(0);
    expect(ageClassFor('2024-04-02', '2026-04')).toBe(1);
    expect(ageClassFor('2025-10-15', '2026-01')).toBe(0);
    expect(ageClassFor('2020-04-02', '2026-04')).toBe(5);
  });

  it('is null before birth and past nursery age', () => {
    expect(ageClassFor('2026-05-20', '2026-04')).toBeNull();
    expect(ageClassFor('2020-04-01', '2026-04')).toBeNull();
  });
});
