import { describe, expect, it } from 'vitest';
import { classifyHandout, pregnancyWeek } from './classify-handout.ts';

describe('hand-out classification', () => {
  it('reads pregnancy weeks and categories', () => {
    const a = classifyHandout('妊婦健康診査受診票のご案内\n妊娠２０週から３５週までの方へ\n超音波検査');
    expect(a.pregnancy).toEqual({ from: 20, to: 36 });
    expect(a.categories).toEqual(['002', '027']);
    expect(a.evidence[0]?.quote).toBe('妊娠２０週から３５週');
  });

  it.each([
    ['妊娠12週以降に受けてください', { from: 12, to: 42 }],
    ['妊娠11週までに妊娠届を', { from: 0, to: 12 }],
    ['妊娠初期の過ごし方', { from: 0, to: 16 }],
    ['母子健康手帳の使い方', { from: 0, to: 42 }],
    ['1歳6か月児健康診査のお知らせ', null],
  ])('%s', (text, pregnancy) => {
    expect(classifyHandout(text).pregnancy).toEqual(pregnancy);
  });

  it('reads a child age when there is one', () => {
    expect(classifyHandout('1歳6か月児健康診査のお知らせ').age).toEqual({ min: 18, max: 24 });
  });

  it('counts gestational weeks back from the due date', () => {
    expect(pregnancyWeek('2026-12-31', '2026-12-31')).toBe(40);
    expect(pregnancyWeek('2027-04-01', '2026-11-22')).toBe(21);
  });
});
