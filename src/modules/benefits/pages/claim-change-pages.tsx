import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { RegisteredAccount } from '../../identity/index.ts';
import type { CorrectedAccount } from '../claim-corrections.tables.ts';
import { BenefitsNav, ErrorSummary, Field, type FieldError, type FormValues, yen } from './apply-pages.tsx';
import { benefitsMessages } from './benefits.messages.ts';
import { claimChangeMessages } from './claim-change.messages.ts';

type Label = { ja: string; en: string };
interface ClaimHeading {
  childName: string;
  claim: { benefitCode: string; statusLabel: Label; amount: number; reason: string | null };
}

const masked = (n: string) => `****${n.slice(-3)}`;

function Heading({ lang, props }: { lang: Lang; props: ClaimHeading }) {
  const m = benefitsMessages(lang);
  return (
    <p>
      {props.childName} — {m.benefitNames[props.claim.benefitCode]} / {m.status}:{' '}
      <strong>{props.claim.statusLabel[lang]}</strong> ({yen(lang, props.claim.amount)})
    </p>
  );
}

/**
 * Answering a fix request: the staff's reason first, the account now in force (masked), then the choice to keep
 * it, take the 公金受取口座 or type another, and a note. Plain form with a CSRF token; no JavaScript needed.
 */
export function resubmitPage(
  lang: Lang,
  props: ClaimHeading & {
    claimId: string;
    account: CorrectedAccount | null;
    publicAccount: RegisteredAccount | null;
    values: FormValues;
    errors: FieldError[];
    csrfToken: string;
  },
) {
  const m = benefitsMessages(lang);
  const c = claimChangeMessages(lang);
  const choice = props.values.accountChoice ?? 'keep';
  const radio = (value: string, label: string, testid: string) => (
    <div>
      <input
        type="radio"
        id={`field-accountChoice-${value}`}
        name="accountChoice"
        value={value}
        checked={choice === value}
        data-testid={testid}
      />
      <label for={`field-accountChoice-${value}`}>{label}</label>
    </div>
  );
  return {
    title: c.resubmitTitle,
    body: (
      <div class="page page--narrow">
        <BenefitsNav lang={lang} current="" />
        <h1>{c.resubmitTitle}</h1>
        <Heading lang={lang} props={props} />
        <ErrorSummary lang={lang} errors={props.errors} />
        <div class="notice notice--warning" data-testid="fix-reason">
          <h2>{c.fixReason}</h2>
          <p>{props.claim.reason}</p>
        </div>
        <p>{c.resubmitLead}</p>
        <form method="post" action={`/benefits/claims/${props.claimId}/resubmit`} novalidate>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          {props.account ? (
            <dl class="summary-list" data-testid="current-account">
              <div>
                <dt>{c.currentAccount}</dt>
                <dd>
                  {props.account.source === 'public-receipt' ? `${m.publicAccountShort}: ` : ''}
                  {m.publicAccountSummary(
                    props.account.bankCode,
                    props.account.branchCode,
                    masked(props.account.accountNumber),
                    props.account.holderKana,
                  )}
                </dd>
              </div>
            </dl>
          ) : null}
          <fieldset>
            <legend>
              <h2>{c.accountChoice}</h2>
            </legend>
            <div class="field">
              {radio('keep', c.keepAccount, 'keep-account')}
              {props.publicAccount
                ? radio(
                    'public-receipt',
                    `${c.publicAccount}: ${m.publicAccountSummary(
                      props.publicAccount.bankCode,
                      props.publicAccount.branchCode,
                      masked(props.publicAccount.accountNumber),
                      props.publicAccount.holderKana,
                    )}`,
                    'public-account',
                  )
                : null}
              {radio('manual', c.manualAccount, 'manual-account')}
            </div>
            <Field name="bankCode" label={m.bankCode} inputmode="numeric" maxLength={4} {...props} />
            <Field name="branchCode" label={m.branchCode} inputmode="numeric" maxLength={3} {...props} />
            <div class="field">
              <label for="field-accountType">{m.accountType}</label>
              <select id="field-accountType" name="accountType">
                {(['1', '2', '4'] as const).map((t) => (
                  <option key={t} value={t} selected={(props.values.accountType ?? '1') === t}>
                    {m.accountTypes[t]}
                  </option>
                ))}
              </select>
            </div>
            <Field name="accountNumber" label={m.accountNumber} inputmode="numeric" maxLength={7} {...props} />
            <Field name="holderKana" label={m.holderKana} {...props} />
          </fieldset>
          <div class="field">
            <label for="field-note">{c.note}</label>
            <span class="hint">{c.noteHint}</span>
            {props.errors.some((e) => e.field === 'note') ? (
              <span class="field__error" id="field-note-error">
                {props.errors.find((e) => e.field === 'note')?.message}
              </span>
            ) : null}
            <textarea id="field-note" name="note" rows={3} maxLength={1000}>
              {props.values.note ?? ''}
            </textarea>
          </div>
          <button class="button" type="submit" data-testid="resubmit">
            {c.resubmitButton}
          </button>
        </form>
        <p>
          <a href={`/benefits/claims/${props.claimId}`}>{c.backToClaim}</a>
        </p>
      </div>
    ),
  };
}

/** Withdrawing asks once more, with a box to tick: the move cannot be undone. */
export function withdrawPage(
  lang: Lang,
  props: ClaimHeading & { claimId: string; errors: FieldError[]; csrfToken: string },
) {
  const c = claimChangeMessages(lang);
  const missing = props.errors.some((e) => e.field === 'confirm');
  return {
    title: c.withdrawTitle,
    body: (
      <div class="page page--narrow">
        <BenefitsNav lang={lang} current="" />
        <h1>{c.withdrawTitle}</h1>
        <Heading lang={lang} props={props} />
        <ErrorSummary lang={lang} errors={props.errors} />
        <p class="notice notice--warning">{c.withdrawLead}</p>
        <form method="post" action={`/benefits/claims/${props.claimId}/withdraw`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="field field--checkbox">
            {missing ? (
              <span class="field__error" id="field-confirm-error">
                {c.withdrawConfirmRequired}
              </span>
            ) : null}
            <input
              type="checkbox"
              id="field-confirm"
              name="confirm"
              value="yes"
              aria-invalid={missing ? 'true' : undefined}
              aria-describedby={missing ? 'field-confirm-error' : undefined}
            />
            <label for="field-confirm">{c.withdrawConfirm}</label>
          </div>
          <button class="button button--secondary" type="submit" data-testid="withdraw-confirm">
            {c.withdrawButton}
          </button>
        </form>
        <p>
          <a href={`/benefits/claims/${props.claimId}`}>{c.cancel}</a>
        </p>
      </div>
    ),
  };
}

export interface CorrectionView {
  at: string;
  fixReason: string | null;
  previousAccount: CorrectedAccount | null;
  newAccount: CorrectedAccount | null;
  note: string | null;
}

const accountLine = (a: CorrectedAccount) =>
  `${a.bankCode}-${a.branchCode} ${a.accountType} ${a.accountNumber} ${a.holderKana}${a.source === 'public-receipt' ? ' (公金受取口座)' : ''}`;

/**
 * For the reviewer: what the parent changed on each resubmission. The signed application document keeps the
 * account the parent signed; this says why the account in force differs.
 */
export function CorrectionsSection({ lang, corrections }: { lang: Lang; corrections: CorrectionView[] }) {
  if (corrections.length === 0) return null;
  const ja = lang === 'ja';
  return (
    <section aria-labelledby="corrections-heading" data-testid="corrections">
      <h2 id="corrections-heading">{ja ? '保護者の修正（再提出）' : 'Corrections by the parent (resubmissions)'}</h2>
      <ol>
        {corrections.map((c) => (
          <li key={c.at}>
            <time dateTime={c.at}>{c.at.slice(0, 16).replace('T', ' ')}</time>
            {c.fixReason ? <div>{ja ? `修正依頼: ${c.fixReason}` : `Fix requested: ${c.fixReason}`}</div> : null}
            {c.previousAccount && c.newAccount ? (
              <div>
                {ja ? '口座: ' : 'Account: '}
                {accountLine(c.previousAccount)} → <strong>{accountLine(c.newAccount)}</strong>
              </div>
            ) : (
              <div>{ja ? '口座の変更なし' : 'Account unchanged'}</div>
            )}
            {c.note ? <div>{ja ? `補足: ${c.note}` : `Note: ${c.note}`}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
