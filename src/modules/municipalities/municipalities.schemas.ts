import { z } from 'zod';
import { MUNICIPALITY_KINDS } from './municipality-catalog.ts';
import { isValidMunicipalityCode } from './municipality-code.ts';

/** A 全国地方公共団体コード: six digits whose last one is the check digit. Reused by every module's schemas. */
export const municipalityCodeSchema = z
  .string()
  .refine((value) => /^\d{6}$/.test(value), {
    message: 'Must be a 6-digit municipality code (全国地方公共団体コード)',
    params: { ja: '6桁の全国地方公共団体コードを指定してください' },
    abort: true,
  })
  .refine(isValidMunicipalityCode, {
    message: 'The check digit (6th digit) of this municipality code is wrong',
    params: { ja: '地方公共団体コードの検査数字（6桁目）が正しくありません' },
  })
  .meta({
    description: '全国地方公共団体コード (6 digits, check digit last)',
    pattern: '^[0-9]{6}$',
    example: '131199',
  });

export const municipalitySchema = z
  .object({
    code: z.string().meta({ example: '131199' }),
    name: z.string().meta({ example: '板橋区' }),
    nameEn: z.string().meta({ example: 'Itabashi City' }),
    kind: z.enum(MUNICIPALITY_KINDS),
  })
  .meta({ id: 'Municipality' });

export const municipalityListSchema = z.object({ items: z.array(municipalitySchema) });
