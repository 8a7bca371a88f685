import type { TsunaguModule } from '../../platform/module.ts';
import { benefitsRoutes } from './benefits.routes.ts';
import './births/birth-events.ts';
import './claim-events.ts';

export { type BankAccount, bankAccountSchema } from './bank-account.schemas.ts';
export type { BenefitsActor, StaffRole } from './benefits-actor.ts';
export { confirmBirth, listPendingBirths } from './births/confirm-birth.ts';
export { type BirthReportInput, reportBirth } from './births/report-birth.ts';
export { CLAIM_STATUS_LABELS, CLAIM_STATUSES, CLAIM_TRANSITIONS, type ClaimStatus, NEXT_STEP } from './claim-status.ts';
export { parseTransferFile } from './payments/zengin-transfer-file.ts';
export { evaluateBenefits } from './rules/evaluate-benefits.ts';
export { BENEFIT_CODES, type BenefitCode, type BenefitEvaluation, CLAIMABLE_BENEFITS } from './rules/evaluation.ts';
export { changeClaimStatus } from './use-cases/change-claim-status.ts';
export { generatePaymentBatch } from './use-cases/generate-payment-batch.ts';
export { getClaimTimeline } from './use-cases/get-claim-timeline.ts';
export { listParentClaims } from './use-cases/list-parent-claims.ts';
export { listReviewQueue } from './use-cases/list-review-queue.ts';
export { recordPaymentResults } from './use-cases/record-payment-results.ts';
export { bulkApproveClaims, startClaimReviews } from './use-cases/review-claims-in-bulk.ts';
export { type SubmitApplicationInput, submitApplication } from './use-cases/submit-application.ts';

export const benefitsModule: TsunaguModule = {
  name: 'benefits',
  routes: (app, services) => benefitsRoutes(app, services),
};
