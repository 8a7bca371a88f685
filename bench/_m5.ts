import { evaluateBenefits } from '../src/modules/benefits/rules/evaluate-benefits.ts';
import { evaluateSupport018 } from '../src/modules/benefits/rules/support-018.ts';
import { evaluateJidouTeate } from '../src/modules/benefits/rules/jidou-teate.ts';
import { evaluateAkachanFirst } from '../src/modules/benefits/rules/akachan-first.ts';
import { benefitParameters } from '../src/modules/benefits/rules/parameters.ts';
import { toChildFacts } from '../src/modules/benefits/benefits.schemas.ts';
const facts = toChildFacts({ birthDate: '2026-11-20', residence: [{ municipalityCode: '131199', from: '2026-11-20', to: null }] });
function t(name: string, fn: () => unknown) {
  for (let i = 0; i < 300; i++) fn();
  const c = process.cpuUsage();
  for (let i = 0; i < 2000; i++) fn();
  const u = process.cpuUsage(c);
  console.log(name.padEnd(24), ((u.user + u.system) / 2000).toFixed(1), 'us');
}
t('018', () => evaluateSupport018(benefitParameters, 2026, facts));
t('akachan', () => evaluateAkachanFirst(benefitParameters, facts));
t('jidou', () => evaluateJidouTeate(benefitParameters, 2026, facts));
