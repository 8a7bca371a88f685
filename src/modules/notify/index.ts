import type { TsunaguModule } from '../../platform/module.ts';
import { seedDemoNotify } from './demo/seed-demo-notify.ts';
import { planMonthJob } from './jobs/plan-month.job.ts';
import { planMonthlyDigestJob } from './jobs/plan-monthly-digest.job.ts';
import { sendDeliveriesJob } from './jobs/send-deliveries.job.ts';
import { visitReminderJob } from './jobs/visit-reminder.job.ts';
import { planMonthCommand } from './notify.commands.ts';
import { notifyRoutes } from './notify.routes.ts';
import { transactionalSubscribers } from './subscribers/transactional-subscribers.ts';
import { sendAnnouncementJob } from './use-cases/announcements.ts';

export { TEMPLATE_CATALOG, type TemplateKey } from './templates/template-catalog.ts';
export { draftAnnouncement } from './use-cases/announcements.ts';
// notify's surface for other modules: raise a domain event and add a subscriber here, or call notifyParents from a
// subscriber of your own (README: "Sending a notice from another module").
export { type NotifyParentsInput, notifyParents } from './use-cases/notify-parents.ts';
export { type SaveTemplateInput, saveTemplate } from './use-cases/save-template.ts';

/** Personalised notices to parents: digest planning, transactional notices, the delivery ledger and the inbox. */
export const notifyModule: TsunaguModule = {
  name: 'notify',
  routes: (app, services) => notifyRoutes(app, services),
  jobs: [sendDeliveriesJob, planMonthJob, planMonthlyDigestJob, visitReminderJob, sendAnnouncementJob] as never,
  subscribers: transactionalSubscribers as never,
  commands: [planMonthCommand],
  seedDemo: seedDemoNotify,
};
