import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { HouseholdView, RegisteredAccount } from '../../identity/index.ts';
import type { BankAccount } from '../bank-account.schemas.ts';
import type { ChildBenefits } from '../use-cases/household-benefits.ts';
import { benefitsMessages } from './benefits.messages.ts';

export interface FieldError {
  field: string;
  message: string;
}
export type FormValues = Record<string, string | undefined>;

export function BenefitsNav({ lang, current }: { lang: Lang; current: string }) {
  const m = benefitsMessages(lang);
  const links = [
    ['/benefits', m.applyLink],
    ['/benefits/claims', m.claimsLink],
    ['/household', m.householdLink],
  ] as const;
  return (
    <nav class="subnav" aria-label={m.applyTitle}>
      <ul class="subnav__links">
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={current === href ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ErrorSummary({ lang, errors }: { lang: Lang; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{benefitsMessages(lang).errorSummary}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>{e.field ? <a href={`#field-${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function Field(props: {
  name: string;
  label: string;
  values: FormValues;
  errors: FieldError[];
  inputmode?: 'numeric';
  maxLength?: number;
}) {
  const id = `field-${props.name}`;
  const error = props.errors.find((e) => e.field === props.name);
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {error ? (
        <span class="field__error" id={`${id}-error`}>
          {error.message}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type="text"
        value={props.values[props.name] ?? ''}
        required
        inputMode={props.inputmode}
        maxLength={props.maxLength}
        autocomplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

export function yen(lang: Lang, amount: number) {
  return benefitsMessages(lang).amount(amount);
}

function ChildCard({ lang, entry }: { lang: Lang; entry: ChildBenefits }) {
  const m = benefitsMessages(lang);
  return (
    <li class="benefits-child" data-testid={`child-${entry.child.id}`}>
      <h3>
        {entry.child.name} <span class="muted">({entry.child.birthDate})</span>
      </h3>
      <ul class="benefits-list">
        {entry.benefits.map((b) => (
          <li key={b.code} class={b.eligible ? 'benefit benefit--eligible' : 'benefit'} data-benefit={b.code}>
            <strong>{m.benefitNames[b.code]}</strong>{' '}
            {b.claim ? (
              <span class="tag">
                {m.alreadyApplied}: {b.claim.label[lang]}
              </span>
            ) : (
              <span class="tag">{b.eligible ? m.eligible : m.notEligible}</span>
            )}
            {b.eligible ? (
              <span>
                {' '}
                {b.code === '018support' ? `${m.months(b.months.length)} ` : ''}
                {yen(lang, b.amount)}
              </span>
            ) : null}
            {b.code === 'jidou-teate' ? <p class="hint">{m.displayOnly}</p> : null}
            <details>
              <summary>{m.why}</summary>
              <ul>
                {b.reasons.map((r) => (
                  <li key={r.condition}>
                    {r.met ? '✓ ' : '✗ '}
                    {r[lang]}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </li>
  );
}

function HouseholdSummary({ lang, household }: { lang: Lang; household: HouseholdView }) {
  const m = benefitsMessages(lang);
  return (
    <section aria-labelledby="household-heading">
      <h2 id="household-heading">{m.householdTitle}</h2>
      <p>{m.householdLead}</p>
      <dl class="summary-list">
        {household.parents.map((p) => (
          <div key={p.id}>
            <dt>{m.guardians}</dt>
            <dd>
              {p.name}
              {p.birthDate ? ` (${p.birthDate})` : ''}
              {p.address ? <div>{p.address}</div> : null}
            </dd>
          </div>
        ))}
        {household.children.map((c) => (
          <div key={c.id}>
            <dt>{m.children}</dt>
            <dd>
              {c.name}（{c.nameKana}） {c.birthDate}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <a href="/household">{m.editHousehold}</a>
      </p>
    </section>
  );
}

/** Hidden fields that carry the parent's choices from one step to the next without storing a draft. */
export function Carry({ values, names }: { values: FormValues; names: string[] }) {
  return (
    <>
      {names.map((n) => (
        <input key={n} type="hidden" name={n} value={values[n] ?? ''} />
      ))}
    </>
  );
}

export const ACCOUNT_FIELDS = ['bankCode', 'branchCode', 'accountType', 'accountNumber', 'holderKana'];

/** Step 1: what each child is due, the household as known, and the account. One screen, no JavaScript needed. */
export function applyPage(
  lang: Lang,
  props: {
    household: HouseholdView;
    fiscalYear: number;
    children: ChildBenefits[];
    selection: string[];
    csrfToken: string;
    idempotencyKey: string;
    values: FormValues;
    errors: FieldError[];
    births?: { id: string; childName: string; birthDate: string }[];
    flash?: 'birth-confirmed' | undefined;
    /** The parent's 公金受取口座 when the card authority supplies one. */
    publicAccount?: RegisteredAccount | null;
  },
) {
  const m = benefitsMessages(lang);
  const account = props.publicAccount;
  const source = props.values.source ?? (account ? 'public-receipt' : 'manual');
  const canApply = props.selection.length > 0;
  return {
    title: m.applyTitle,
    body: (
      <div class="page page--narrow">
        <BenefitsNav lang={lang} current="/benefits" />
        <h1>
          {m.applyTitle} <span class="muted">{m.fiscalYear(props.fiscalYear)}</span>
        </h1>
        <ErrorSummary lang={lang} errors={props.errors} />
        {props.flash === 'birth-confirmed' ? (
          <div class="notice notice--success" role="status" data-testid="birth-confirmed">
            {m.birthConfirmed}
          </div>
        ) : null}
        {props.births?.length ? (
          <section class="notice" aria-labelledby="births-heading" data-testid="pending-births">
            <h2 id="births-heading">{m.birthsTitle}</h2>
            <p>{m.birthsLead}</p>
            {props.births.map((b) => (
              <form key={b.id} method="post" action={`/benefits/births/${b.id}/confirm`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <p>
                  {b.childName} ({b.birthDate})
                </p>
                <button class="button" type="submit" data-testid="confirm-birth">
                  {m.confirmBirth(b.childName)}
                </button>
              </form>
            ))}
          </section>
        ) : null}
        <p>{m.applyLead}</p>
        {props.children.length === 0 ? <p>{m.noChildren}</p> : null}
        <ul class="benefits-children">
          {props.children.map((entry) => (
            <ChildCard key={entry.child.id} lang={lang} entry={entry} />
          ))}
        </ul>
        {canApply ? (
          <form method="post" action="/benefits/confirm" novalidate>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
            <input type="hidden" name="selection" value={props.selection.join(',')} />
            <HouseholdSummary lang={lang} household={props.household} />
            <div class="field field--checkbox">
              {props.errors.some((e) => e.field === 'householdConfirmed') ? (
                <span class="field__error" id="field-householdConfirmed-error">
                  {m.confirmHouseholdRequired}
                </span>
              ) : null}
              <input
                type="checkbox"
                id="field-householdConfirmed"
                name="householdConfirmed"
                value="yes"
                checked={props.values.householdConfirmed === 'yes'}
              />
              <label for="field-householdConfirmed">{m.confirmHousehold}</label>
            </div>
            <fieldset>
              <legend>
                <h2>{m.accountTitle}</h2>
              </legend>
              {account ? (
                <div class="field benefits-account-choice" data-testid="public-account">
                  {props.errors.some((e) => e.field === 'source') ? (
                    <span class="field__error" id="field-source-error">
                      {props.errors.find((e) => e.field === 'source')?.message}
                    </span>
                  ) : null}
                  <div>
                    <input
                      type="radio"
                      id="field-source"
                      name="source"
                      value="public-receipt"
                      checked={source === 'public-receipt'}
                    />
                    <label for="field-source">
                      {m.publicAccountChoice}
                      <span class="hint">
                        {m.publicAccountSummary(
                          account.bankCode,
                          account.branchCode,
                          // Only the last digits on screen: the page may be seen over a shoulder.
                          `****${account.accountNumber.slice(-3)}`,
                          account.holderKana,
                        )}
                      </span>
                    </label>
                  </div>
                  <div>
                    <input
                      type="radio"
                      id="field-source-manual"
                      name="source"
                      value="manual"
                      checked={source === 'manual'}
                    />
                    <label for="field-source-manual">{m.manualAccountChoice}</label>
                  </div>
                </div>
              ) : (
                <>
                  <p class="hint">{m.publicAccountUnavailable}</p>
                  <input type="hidden" name="source" value="manual" />
                </>
              )}
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
            <button class="button" type="submit" data-testid="benefits-next">
              {m.next}
            </button>
          </form>
        ) : (
          <p>{m.nothingToApply}</p>
        )}
      </div>
    ),
  };
}

/** Step 2: check answers, then sign with the card and submit (the only step that writes). */
export function checkPage(
  lang: Lang,
  props: {
    children: { name: string; benefits: { code: string; amount: number; months: number }[] }[];
    values: FormValues;
    /** The validated account (for 公金受取口座, the registered one looked up for this step). */
    account: BankAccount;
    csrfToken: string;
  },
) {
  const m = benefitsMessages(lang);
  return {
    title: m.checkTitle,
    body: (
      <div class="page page--narrow">
        <h1>{m.checkTitle}</h1>
        <p>{m.checkLead}</p>
        <h2>{m.applyingFor}</h2>
        <dl class="summary-list">
          {props.children.map((c) => (
            <div key={c.name}>
              <dt>{c.name}</dt>
              <dd>
                <ul>
                  {c.benefits.map((b) => (
                    <li key={b.code}>
                      {m.benefitNames[b.code]} — {b.code === '018support' ? `${m.months(b.months)} ` : ''}
                      {yen(lang, b.amount)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
        <h2>{m.paidTo}</h2>
        <p data-testid="paid-to">
          {props.account.source === 'public-receipt' ? `${m.publicAccountShort} ` : ''}
          {props.account.bankCode}-{props.account.branchCode} {m.accountTypes[props.account.accountType]}{' '}
          {props.account.source === 'public-receipt'
            ? `****${props.account.accountNumber.slice(-3)}`
            : props.account.accountNumber}{' '}
          {props.account.holderKana}
        </p>
        <form method="post" action="/benefits/apply">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <Carry values={props.values} names={['idempotencyKey', 'selection', 'source', ...ACCOUNT_FIELDS]} />
          <p class="hint">{m.signDemoNote}</p>
          <button class="button" type="submit" data-testid="benefits-sign">
            {m.signAndSubmit}
          </button>
        </form>
        <p>
          <a href="/benefits">{m.back}</a>
        </p>
      </div>
    ),
  };
}
