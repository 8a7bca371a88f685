import { describe, expect, it } from 'vitest';
import { municipalityFromAddress } from './municipality-from-address.ts';

describe('municipalityFromAddress', () => {
  it('finds wards, cities, towns in a district and island villages', () => {
    expect(municipalityFromAddress('東京都板橋区板橋二丁目66番1号')).toBe('131199');
    expect(municipalityFromAddress('東京都足立区中央本町一丁目17番1号')).toBe('131211');
    expect(municipalityFromAddress('東京都西多摩郡瑞穂町大字箱根ケ崎2335番地')).toBe('133035');
    expect(municipalityFromAddress('東京都 八王子市元本郷町三丁目24番1号')).toBe('132012');
  });

  it('tells 府中市 from 中央区 and 東村山市 from 村山 by taking the longest name that fits', () => {
    expect(municipalityFromAddress('東京都府中市宮西町2丁目24番地')).toBe('132063');
    expect(municipalityFromAddress('東京都東村山市本町1丁目2番地3')).toBe('132136');
  });

  it('is undefined outside Tokyo or without an address', () => {
    expect(municipalityFromAddress('大阪府大阪市北区中之島1丁目3番20号')).toBeUndefined();
    expect(municipalityFromAddress('東京都')).toBeUndefined();
    expect(municipalityFromAddress(null)).toBeUndefined();
  });
});
