import type { Lang } from '../../../platform/i18n/i18n.ts';
import { BenefitsNav, yen } from './apply-pages.tsx';
import { benefitsMessages } from './benefits.messages.ts';
import { claimChangeMessages } from './claim-change.messages.ts';

type Label = { ja: string; en: string };

export interface ClaimListItem {
  id: string;
  childName: string;
  benefitCode: string;
  fiscalYear: number;
  statusLabel: Label;
  reason: string | null;
  amount: number;
  nextStep: Label;
  /** 赤ちゃんファースト after 支給決定: where the gift card is (null: not prepared yet). */
  giftLabel?: Label | null;
}

/** The parent's applications, one row per child and benefit, with the status and what happens next. */
export function claimsPage(lang: Lang, props: { claims: ClaimListItem[]; flash?: 'applied' | 'replayed' | undefined }) {
  const m = benefitsMessages(lang);
  return {
    title: m.claimsTitle,
    body: (
      <div class="page page--narrow">
        <BenefitsNav lang={lang} current="/benefits/claims" />
        <h1>{m.claimsTitle}</h1>
        {props.flash ? (
          <div class="notice notice--success" role="status" data-testid="applied">
            {props.flash === 'applied' ? m.applied : m.appliedNothingNew}
          </div>
        ) : null}
        {props.claims.length === 0 ? <p>{m.noClaims}</p> : null}
        <ul class="benefits-claims">
          {props.claims.map((c) => (
            <li key={c.id} data-testid="claim" data-benefit={c.benefitCode}>
              <h2>
                {c.childName} — {m.benefitNames[c.benefitCode]}
              </h2>
              <p>
                {m.status}: <strong data-testid="claim-status">{c.statusLabel[lang]}</strong> ({yen(lang, c.amount)})
                {c.giftLabel ? (
                  <>
                    {' '}
                    · <span data-testid="gift-status">{c.giftLabel[lang]}</span>
                  </>
                ) : null}
              </p>
              {c.reason ? (
                <p>
                  {m.reason}: {c.reason}
                </p>
              ) : null}
              <p>
                {m.nextStep}: {c.nextStep[lang]}
              </p>
              <a href={`/benefits/claims/${c.id}`}>{m.timeline}</a>
            </li>
          ))}
        </ul>
      </div>
    ),
  };
}

const dateTime = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));

/**
 * One claim's timeline: every status with its date (Tokyo time) and reason — for 赤ちゃんファースト also the gift
 * card's steps, merged by time — then the next step and the parent's own moves (links to their own pages: the
 * resubmission form and the withdrawal confirmation).
 */
export function timelinePage(
  lang: Lang,
  props: {
    childName: string;
    claim: { benefitCode: string; statusLabel: Label; amount: number; months: string[]; reason: string | null };
    timeline: { label: Label; at: string; reason: string | null; kind?: 'claim' | 'gift' }[];
    nextStep: Label;
    /** The parent's own moves from here (resubmitted after a fix, withdrawn), from the transition table. */
    actions: ('resubmitted' | 'withdrawn')[];
    claimId: string;
    flash?: 'resubmitted' | 'withdrawn' | undefined;
  },
) {
  const m = benefitsMessages(lang);
  const c = claimChangeMessages(lang);
  return {
    title: m.timelineTitle,
    body: (
      <div class="page page--narrow">
        <BenefitsNav lang={lang} current="" />
        <h1>
          {props.childName} — {m.benefitNames[props.claim.benefitCode]}
        </h1>
        {props.flash ? (
          <div class="notice notice--success" role="status" data-testid="claim-flash">
            {c[props.flash]}
          </div>
        ) : null}
        <p>
          {m.status}: <strong data-testid="claim-status">{props.claim.statusLabel[lang]}</strong> (
          {yen(lang, props.claim.amount)})
        </p>
        {props.actions.includes('resubmitted') && props.claim.reason ? (
          <div class="notice notice--warning" data-testid="fix-reason">
            {c.fixReason}: {props.claim.reason}
          </div>
        ) : null}
        <h2>{m.timeline}</h2>
        <ol class="timeline" data-testid="timeline">
          {props.timeline.map((step) => (
            <li key={step.at + step.label.en} data-kind={step.kind ?? 'claim'}>
              <time dateTime={step.at}>{dateTime(lang, step.at)}</time> <strong>{step.label[lang]}</strong>
              {step.reason ? (
                <div>
                  {m.reason}: {step.reason}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
        <h2>{m.nextStep}</h2>
        <p data-testid="next-step">{props.nextStep[lang]}</p>
        {props.actions.includes('resubmitted') ? (
          <p>
            <a class="button" href={`/benefits/claims/${props.claimId}/resubmit`} data-testid="resubmit-link">
              {c.resubmitTitle}
            </a>
          </p>
        ) : null}
        {props.actions.includes('withdrawn') ? (
          <p>
            <a
              class="button button--secondary"
              href={`/benefits/claims/${props.claimId}/withdraw`}
              data-testid="withdraw-link"
            >
              {m.withdraw}
            </a>
          </p>
        ) : null}
      </div>
    ),
  };
}
