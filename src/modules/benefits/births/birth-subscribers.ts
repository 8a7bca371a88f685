import { defineSubscriber } from '../../../platform/events/domain-events.ts';
import './birth-events.ts';

/**
 * The hook for what a reported birth sets off beyond benefits. The parent's own step (confirm the child, then the
 * pre-filled 018 + 赤ちゃんファースト application) is shown on /benefits from the report itself; the health
 * schedule and notify's "what to do next" checklist belong to those modules, which subscribe to `birth.reported`
 * and `birth.confirmed` in their own code. Until notify exists this records that the checklist is due (ids only).
 */
export const birthNextStepsSubscriber = defineSubscriber({
  name: 'benefits.birth-next-steps',
  type: 'birth.reported',
  async handle(services, event) {
    services.log.info(
      { birthReportId: event.payload.birthReportId, eventId: event.id },
      'birth reported: parent confirmation and benefit pre-fill pending; notify checklist not sent (no notify module yet)',
    );
  },
});
