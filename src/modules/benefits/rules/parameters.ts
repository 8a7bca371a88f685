import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { civilDate, isOnOrBefore, type PlainDate, parseCivilDate } from './civil-date.ts';

const instalmentSchema = z.object({
  no: z.number().int().positive(),
  months: z.array(z.number().int().min(1).max(12)).min(1),
  payment: z.object({ yearOffset: z.number().int(), month: z.number().int().min(1).max(12) }),
  deadline: z.object({
    yearOffset: z.number().int(),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  }),
});
export type InstalmentRule = z.infer<typeof instalmentSchema>;

const dated = <T extends z.ZodType>(value: T) =>
  z.object({
    description: z.string(),
    unit: z.string(),
    reference: z.string(),
    values: z
      .array(
        z.object({
          from: z.string().refine((s) => parseCivilDate(s) !== null),
          value,
          // 'verify' keeps the reference's own warning next to the number it qualifies.
          status: z.enum(['verified', 'verify']),
          note: z.string().optional(),
        }),
      )
      .min(1),
  });

const parameterFileSchema = z.object({
  'support018.inEffect': dated(z.boolean()),
  'support018.monthlyAmount': dated(z.number().int().nonnegative()),
  'support018.ageLimitYears': dated(z.number().int().positive()),
  'support018.residencePrefecture': dated(z.string().regex(/^\d{2}$/)),
  'support018.instalments': dated(z.array(instalmentSchema).min(1)),
  'akachanFirst.birthDateFrom': dated(z.string().refine((s) => parseCivilDate(s) !== null)),
  'akachanFirst.giftAmount': dated(z.number().int().nonnegative()),
  'akachanFirst.residencePrefecture': dated(z.string().regex(/^\d{2}$/)),
  'jidouTeate.monthlyAmountUnder3': dated(z.number().int().nonnegative()),
  'jidouTeate.monthlyAmountFrom3': dated(z.number().int().nonnegative()),
  'jidouTeate.monthlyAmountThirdChild': dated(z.number().int().nonnegative()),
  'jidouTeate.ageLimitYears': dated(z.number().int().positive()),
});
type ParameterFile = z.infer<typeof parameterFileSchema>;
export type ParameterName = keyof ParameterFile;
type ValueOf<N extends ParameterName> = ParameterFile[N]['values'][number]['value'];

/** One parameter value as used by an evaluation: what the trace shows. */
export interface ParameterUse<V = unknown> {
  name: ParameterName;
  value: V;
  effectiveFrom: string;
  status: 'verified' | 'verify';
  reference: string;
}

/**
 * Benefit parameters are data (parameters.json), keyed by the day they take effect, like OpenFisca's parameter
 * files: a new amount or schedule is a new dated entry, and past evaluations keep giving past answers.
 */
export class BenefitParameters {
  // Parsed once: evaluations look parameters up month by month, and parsing dates is the expensive part.
  private readonly starts = new Map<string, PlainDate[]>();

  constructor(private readonly file: ParameterFile) {
    for (const [name, parameter] of Object.entries(file)) {
      const froms = parameter.values.map((v) => v.from);
      if ([...froms].sort().join() !== froms.join()) throw new Error(`parameter ${name}: values out of date order`);
      this.starts.set(name, froms.map(civilDate));
    }
  }

  static load(url: URL = new URL('./parameters.json', import.meta.url)): BenefitParameters {
    return new BenefitParameters(parameterFileSchema.parse(JSON.parse(readFileSync(url, 'utf8'))));
  }

  /** The value in effect on `on`, or null when the parameter has no value yet on that day. */
  at<N extends ParameterName>(name: N, on: PlainDate): ParameterUse<ValueOf<N>> | null {
    const parameter = this.file[name];
    const starts = this.starts.get(name)!;
    let found: (typeof parameter.values)[number] | undefined;
    for (let i = 0; i < starts.length; i++) if (isOnOrBefore(starts[i]!, on)) found = parameter.values[i];
    if (!found) return null;
    return {
      name,
      value: found.value as ValueOf<N>,
      effectiveFrom: found.from,
      status: found.status,
      reference: parameter.reference,
    };
  }

  /** The first value a parameter ever had: cited in a trace when a date falls before the parameter exists. */
  earliest<N extends ParameterName>(name: N): ParameterUse<ValueOf<N>> {
    const parameter = this.file[name];
    const first = parameter.values[0]!;
    return {
      name,
      value: first.value as ValueOf<N>,
      effectiveFrom: first.from,
      status: first.status,
      reference: parameter.reference,
    };
  }
}

export const benefitParameters = BenefitParameters.load();
