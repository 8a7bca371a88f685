import type { TsunaguModule } from '../../platform/module.ts';
import { benefitsRoutes } from './benefits.routes.ts';

export { evaluateBenefits } from './rules/evaluate-benefits.ts';
export { BENEFIT_CODES, type BenefitCode, type BenefitEvaluation } from './rules/evaluation.ts';

export const benefitsModule: TsunaguModule = {
  name: 'benefits',
  routes: (app, services) => benefitsRoutes(app, services),
};
