import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { HouseholdMatch } from '../../identity/index.ts';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, type ClaimStatus } from '../claim-status.ts';
import type { Reason } from '../rules/evaluation.ts';
import type { BulkOutcome } from '../use-cases/review-claims-in-bulk.ts';
import { ErrorSummary, type FieldError } from './apply-pages.tsx';
import { benefitsMessages } from './benefits.messages.ts';
import { CorrectionsSection, type CorrectionView } from './claim-change-pages.tsx';
import { staffBenefitsMessages } from './staff.messages.ts';

type Label = { ja: string; en: string };

export const DEMO_PAYER = {
  consignorCode: '0000131199',
  consignorName: 'ﾃﾞﾓ ｷﾕｳﾌｷﾝ',
  bankCode: '0005',
  bankName: 'ﾃﾞﾓｷﾞﾝｺｳ',
  branchCode: '101',
  branchName: 'ﾎﾝﾃﾝ',
  accountType: '1',
  accountNumber: '7654321',
};

function Input({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      <input id={`field-${name}`} name={name} type="text" value={value} required autocomplete="off" />
    </div>
  );
}

export function queuePage(
  lang: Lang,
  props: {
    items: { id: string; benefitCode: string; status: ClaimStatus; amount: number; createdAt: string }[];
    status?: ClaimStatus | undefined;
    outcomes?: BulkOutcome[] | undefined;
    batches: {
      id: string;
      fiscalYear: number;
      instalmentNo: number;
      transferDate: string;
      recordCount: number;
      totalAmount: number;
    }[];
    fiscalYear: number;
    csrfToken: string;
    errors?: FieldError[] | undefined;
  },
) {
  const m = staffBenefitsMessages(lang);
  const names = benefitsMessages(lang).benefitNames;
  return {
    title: m.title,
    body: (
      <div class="page">
        <h1>{m.title}</h1>
        <p>
          <a href="/staff/benefits/births">{m.birthLink}</a>
          {' ・ '}
          <a href="/staff/benefits/gift-dispatch" data-testid="gift-dispatch-link">
            {lang === 'ja' ? '赤ちゃんファースト ギフトカードの発送' : '赤ちゃんファースト gift card dispatch'}
          </a>
        </p>
        <ErrorSummary lang={lang} errors={props.errors ?? []} />
        {props.outcomes ? (
          <section class="notice" role="status" data-testid="bulk-outcomes">
            <h2>{m.outcomes}</h2>
            <ul>
              {props.outcomes.map((o) => (
                <li key={o.claimId}>
                  {o.claimId.slice(0, 8)}: {o.outcome === 'done' ? m.done : m.skipped}
                  {o.check ? ` — ${m.checks[o.check]}` : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <form method="get" action="/staff/benefits" class="inline-form">
          <label for="status-filter">{m.status}</label>
          <select id="status-filter" name="status">
            <option value="">{m.allOpen}</option>
            {CLAIM_STATUSES.map((s) => (
              <option key={s} value={s} selected={props.status === s}>
                {CLAIM_STATUS_LABELS[s][lang]}
              </option>
            ))}
          </select>
          <button class="button button--secondary" type="submit">
            {m.filter}
          </button>
        </form>
        <h2>{m.queue}</h2>
        {props.items.length === 0 ? <p>{m.empty}</p> : null}
        <form method="post" action="/staff/benefits/bulk">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <table class="table" data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{m.select}</th>
                <th scope="col">{m.benefit}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.amount}</th>
                <th scope="col">{m.received}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((c) => (
                <tr key={c.id} data-benefit={c.benefitCode}>
                  <td>
                    <input
                      type="checkbox"
                      name="claimId"
                      value={c.id}
                      id={`pick-${c.id}`}
                      aria-label={`${names[c.benefitCode]} ${c.id.slice(0, 8)}`}
                    />
                  </td>
                  <td>
                    <a href={`/staff/benefits/claims/${c.id}`}>{names[c.benefitCode]}</a>
                  </td>
                  <td>{CLAIM_STATUS_LABELS[c.status][lang]}</td>
                  <td>{m.yen(c.amount)}</td>
                  <td>{c.createdAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="button-group">
            <button class="button button--secondary" type="submit" name="action" value="start-review">
              {m.startReview}
            </button>
            <button class="button" type="submit" name="action" value="approve" data-testid="bulk-approve">
              {m.approve}
            </button>
          </div>
        </form>

        <h2>{m.payments}</h2>
        <form method="post" action="/staff/benefits/payment-batches">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <Input name="fiscalYear" label={m.fiscalYear} value={String(props.fiscalYear)} />
          <Input name="instalmentNo" label={m.instalment} value="1" />
          <Input name="transferDate" label={m.transferDate} value="" />
          <details>
            <summary>{m.payer}</summary>
            {(Object.keys(DEMO_PAYER) as (keyof typeof DEMO_PAYER)[]).map((k) => (
              <Input key={k} name={k} label={m[k]} value={DEMO_PAYER[k]} />
            ))}
          </details>
          <button class="button" type="submit" data-testid="generate-batch">
            {m.generate}
          </button>
        </form>
        <h3>{m.batches}</h3>
        <ul>
          {props.batches.map((b) => (
            <li key={b.id}>
              <a href={`/staff/benefits/payment-batches/${b.id}`}>
                {m.fiscalYear} {b.fiscalYear} / {m.instalment} {b.instalmentNo} / {b.transferDate} — {b.recordCount} /{' '}
                {m.yen(b.totalAmount)}
              </a>
            </li>
          ))}
        </ul>
      </div>
    ),
  };
}

export function claimDetailPage(
  lang: Lang,
  props: {
    claim: {
      id: string;
      benefitCode: string;
      status: ClaimStatus;
      amount: number;
      months: string[];
      reason: string | null;
    };
    reasons: Reason[];
    account: string;
    timeline: { label: Label; at: string; reason: string | null }[];
    corrections?: CorrectionView[] | undefined;
    csrfToken: string;
    errors: FieldError[];
  },
) {
  const m = staffBenefitsMessages(lang);
  const names = benefitsMessages(lang).benefitNames;
  const reasonForm = (to: 'needs-fix' | 'rejected', label: string) => (
    <form method="post" action={`/staff/benefits/claims/${props.claim.id}/status`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <input type="hidden" name="to" value={to} />
      <div class="field">
        <label for={`reason-${to}`}>{m.reason}</label>
        <textarea id={`reason-${to}`} name="reason" rows={2} required />
      </div>
      <button class="button button--secondary" type="submit">
        {label}
      </button>
    </form>
  );
  return {
    title: m.claimTitle,
    body: (
      <div class="page page--narrow">
        <p>
          <a href="/staff/benefits">{m.back}</a>
        </p>
        <h1>
          {m.claimTitle}: {names[props.claim.benefitCode]}
        </h1>
        <ErrorSummary lang={lang} errors={props.errors} />
        <dl class="summary-list">
          <div>
            <dt>{m.status}</dt>
            <dd data-testid="staff-claim-status">{CLAIM_STATUS_LABELS[props.claim.status][lang]}</dd>
          </div>
          <div>
            <dt>{m.amount}</dt>
            <dd>{m.yen(props.claim.amount)}</dd>
          </div>
          <div>
            <dt>{m.months}</dt>
            <dd>{props.claim.months.join(', ')}</dd>
          </div>
          <div>
            <dt>{m.account}</dt>
            <dd>{props.account}</dd>
          </div>
        </dl>
        <h2>{m.reasons}</h2>
        <ul>
          {props.reasons.map((r) => (
            <li key={r.condition}>
              {r.met ? '✓ ' : '✗ '}
              {r[lang]}
            </li>
          ))}
        </ul>
        <h2>{m.timeline}</h2>
        <ol class="timeline">
          {props.timeline.map((s) => (
            <li key={s.at + s.label.en}>
              {s.at.slice(0, 16).replace('T', ' ')} {s.label[lang]}
              {s.reason ? ` — ${s.reason}` : ''}
            </li>
          ))}
        </ol>
        <CorrectionsSection lang={lang} corrections={props.corrections ?? []} />
        {props.claim.status === 'under-review' ? (
          <>
            {reasonForm('needs-fix', m.requestFix)}
            {reasonForm('rejected', m.reject)}
          </>
        ) : null}
      </div>
    ),
  };
}

export function batchPage(
  lang: Lang,
  props: {
    batch: { id: string; fiscalYear: number; instalmentNo: number; transferDate: string };
    totals: { count: number; total: number; byBank: { bankCode: string; count: number; amount: number }[] };
    lines: { lineNo: number; amount: number; months: string[]; outcome: string; reason: string | null }[];
    csrfToken: string;
    saved: boolean;
  },
) {
  const m = staffBenefitsMessages(lang);
  return {
    title: m.batchTitle,
    body: (
      <div class="page page--narrow">
        <p>
          <a href="/staff/benefits">{m.back}</a>
        </p>
        <h1>
          {m.batchTitle}: {props.batch.fiscalYear} / {m.instalment} {props.batch.instalmentNo} /{' '}
          {props.batch.transferDate}
        </h1>
        {props.saved ? (
          <p class="notice notice--success" role="status">
            {m.resultsSaved}
          </p>
        ) : null}
        <dl class="summary-list" data-testid="totals">
          <div>
            <dt>{m.count}</dt>
            <dd data-testid="total-count">{props.totals.count}</dd>
          </div>
          <div>
            <dt>{m.total}</dt>
            <dd data-testid="total-amount">{m.yen(props.totals.total)}</dd>
          </div>
          {props.totals.byBank.map((b) => (
            <div key={b.bankCode}>
              <dt>
                {m.byBank} {b.bankCode}
              </dt>
              <dd>
                {b.count} / {m.yen(b.amount)}
              </dd>
            </div>
          ))}
        </dl>
        <p>
          <a class="button button--secondary" href={`/staff/benefits/payment-batches/${props.batch.id}/file`} download>
            {m.download}
          </a>
        </p>
        <form method="post" action={`/staff/benefits/payment-batches/${props.batch.id}/results`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{m.line}</th>
                <th scope="col">{m.months}</th>
                <th scope="col">{m.amount}</th>
                <th scope="col">{m.outcome}</th>
              </tr>
            </thead>
            <tbody>
              {props.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>{l.lineNo}</td>
                  <td>{l.months.join(', ')}</td>
                  <td>{m.yen(l.amount)}</td>
                  <td>
                    {l.outcome === 'pending' ? (
                      <select name={`line-${l.lineNo}`} aria-label={`${m.line} ${l.lineNo} ${m.outcome}`}>
                        <option value="paid">{m.paid}</option>
                        <option value="failed">{m.failed}</option>
                      </select>
                    ) : (
                      m.outcomes2[l.outcome]
                    )}
                    {l.reason ? ` — ${l.reason}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {props.lines.some((l) => l.outcome === 'pending') ? (
            <button class="button" type="submit" data-testid="record-results">
              {m.recordResults}
            </button>
          ) : null}
        </form>
      </div>
    ),
  };
}

function Choice(props: { name: string; label: string; options: Record<string, string>; value: string | undefined }) {
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <select id={`field-${props.name}`} name={props.name}>
        {Object.entries(props.options).map(([v, l]) => (
          <option key={v} value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The 出生届 entry form: the facts the parent will not have to type again. */
export function birthReportPage(
  lang: Lang,
  props: {
    values: Record<string, string | undefined>;
    errors: FieldError[];
    saved: boolean;
    csrfToken: string;
    search?: { name?: string; address?: string; birthDate?: string; matches?: HouseholdMatch[] };
  },
) {
  const m = staffBenefitsMessages(lang);
  const v = (k: string) => props.values[k] ?? '';
  const search = props.search ?? {};
  return {
    title: m.birthTitle,
    body: (
      <div class="page page--narrow">
        <p>
          <a href="/staff/benefits">{m.back}</a>
        </p>
        <h1>{m.birthTitle}</h1>
        {props.saved ? (
          <p class="notice notice--success" role="status" data-testid="birth-saved">
            {m.birthSaved}
          </p>
        ) : null}
        <ErrorSummary lang={lang} errors={props.errors} />
        <form method="get" action="/staff/benefits/births" data-testid="household-search">
          <fieldset>
            <legend>
              <h2>{m.searchTitle}</h2>
            </legend>
            <p class="hint">{m.searchHint}</p>
            <div class="field">
              <label for="field-searchName">{m.searchName}</label>
              <input id="field-searchName" name="searchName" type="text" value={search.name ?? ''} autocomplete="off" />
            </div>
            <div class="field">
              <label for="field-searchAddress">{m.searchAddress}</label>
              <input
                id="field-searchAddress"
                name="searchAddress"
                type="text"
                value={search.address ?? ''}
                autocomplete="off"
              />
            </div>
            <div class="field">
              <label for="field-searchBirthDate">{m.searchBirthDate}</label>
              <input id="field-searchBirthDate" name="searchBirthDate" type="date" value={search.birthDate ?? ''} />
            </div>
            <button class="button button--secondary" type="submit" data-testid="search-household">
              {m.search}
            </button>
          </fieldset>
        </form>
        {search.matches ? (
          search.matches.length === 0 ? (
            <p data-testid="household-matches">{m.noMatches}</p>
          ) : (
            <ul data-testid="household-matches">
              {search.matches.map((match) => (
                <li key={`${match.householdId}-${match.parentName}`}>
                  {match.parentName} ({match.parentBirthDate ?? '—'}) {match.address ?? ''}{' '}
                  <a
                    data-testid="choose-household"
                    href={`/staff/benefits/births?${new URLSearchParams({
                      householdId: match.householdId,
                      parent1Name: match.parentName,
                      address: match.address ?? '',
                    }).toString()}`}
                  >
                    {m.choose}
                  </a>
                </li>
              ))}
            </ul>
          )
        ) : null}
        <form method="post" action="/staff/benefits/births">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <Input name="householdId" label={m.householdId} value={v('householdId')} />
          <Input name="childName" label={m.childName} value={v('childName')} />
          <Input name="childNameKana" label={m.childNameKana} value={v('childNameKana')} />
          <div class="field">
            <label for="field-birthDate">{m.birthDate}</label>
            <input id="field-birthDate" name="birthDate" type="date" value={v('birthDate')} required />
          </div>
          <Choice name="sex" label={m.sex} options={m.sexes} value={props.values.sex} />
          <Input name="parent1Name" label={m.parentName(1)} value={v('parent1Name')} />
          <Choice
            name="parent1Relationship"
            label={m.relationship(1)}
            options={m.relationships}
            value={props.values.parent1Relationship}
          />
          <div class="field">
            <label for="field-parent2Name">{m.parentName(2)}</label>
            <input id="field-parent2Name" name="parent2Name" type="text" value={v('parent2Name')} autocomplete="off" />
          </div>
          <Choice
            name="parent2Relationship"
            label={m.relationship(2)}
            options={m.relationships}
            value={props.values.parent2Relationship ?? 'father'}
          />
          <Input name="address" label={m.addressField} value={v('address')} />
          <button class="button" type="submit" data-testid="submit-birth">
            {m.submitBirth}
          </button>
        </form>
      </div>
    ),
  };
}
