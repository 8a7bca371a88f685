import type { Lang } from '../../../platform/i18n/i18n.ts';
import { defineMessages } from '../../../platform/i18n/i18n.ts';
import { GIFT_DISPATCH_LABELS, type GiftDispatchStatus } from '../gift/gift-dispatch-status.ts';
import type { GiftOutcome } from '../use-cases/advance-gift-dispatches.ts';
import { GIFT_QUEUE_STATES, type GiftQueueState } from '../use-cases/list-gift-dispatches.ts';
import { ErrorSummary, type FieldError } from './apply-pages.tsx';

const messages = defineMessages({
  ja: {
    title: '赤ちゃんファースト ギフトカードの発送',
    lead: '支給決定した赤ちゃんファーストのギフトカード（10万円分）を区市町村ごとにまとめて発送します。カードは申請から2〜4か月ほどで郵送し、保護者が専用サイトで登録するとポイントが付与されます。',
    back: '申請一覧へ戻る',
    municipality: '区市町村コード',
    show: '表示',
    state: '発送の状態',
    states: {
      awaiting: '発送待ち（支給決定）',
      preparing: '発送準備',
      shipped: '発送済',
      registered: '受取済（サイト登録）',
    } as Record<GiftQueueState, string>,
    claim: '申請',
    child: 'お子さん',
    fiscalYear: '年度',
    since: '更新',
    none: '該当するカードはありません。',
    selected: (to: string) => `選択したカードを「${to}」にする`,
    all: (from: string, to: string) => `この区市町村の「${from}」をすべて「${to}」にする`,
    done: (n: number) => `${n}件を更新しました。`,
    skipped: (n: number) => `${n}件は更新しませんでした（状態が違うか、対象外です）。`,
    chooseMunicipality: '区市町村を選んでから発送を記録してください（東京都の職員はコードを入力）。',
  },
  en: {
    title: '赤ちゃんファースト gift card dispatch',
    lead: 'Mail the decided 赤ちゃんファースト gift cards (¥100,000) in bulk, per municipality. Cards are mailed about 2–4 months after the application; the parent registers the card on its website and the points are granted.',
    back: 'Back to claims',
    municipality: 'Municipality code',
    show: 'Show',
    state: 'Dispatch state',
    states: {
      awaiting: 'Awaiting dispatch (decided)',
      preparing: 'Being prepared',
      shipped: 'Mailed',
      registered: 'Received (registered)',
    } as Record<GiftQueueState, string>,
    claim: 'Claim',
    child: 'Child',
    fiscalYear: 'Fiscal year',
    since: 'Updated',
    none: 'No cards in this state.',
    selected: (to: string) => `Mark the ticked cards "${to}"`,
    all: (from: string, to: string) => `Mark every "${from}" card of this municipality "${to}"`,
    done: (n: number) => `${n} updated.`,
    skipped: (n: number) => `${n} not updated (in another state, or not found).`,
    chooseMunicipality: 'Choose a municipality before recording a dispatch (Tokyo staff: type its code).',
  },
});

/** The next step from each list state (gift-dispatch-status.ts); a received card has none. */
const NEXT: Record<GiftQueueState, GiftDispatchStatus | null> = {
  awaiting: 'preparing',
  preparing: 'shipped',
  shipped: 'registered',
  registered: null,
};

export function giftDispatchPage(
  lang: Lang,
  props: {
    municipalityCode: string | null;
    state: GiftQueueState;
    items: { claimId: string; childId: string; fiscalYear: number; decidedAt: string; changedAt: string | null }[];
    outcomes?: GiftOutcome[] | undefined;
    errors?: FieldError[] | undefined;
    canDispatch: boolean;
    csrfToken: string;
  },
) {
  const m = messages(lang);
  const next = NEXT[props.state];
  const nextLabel = next ? GIFT_DISPATCH_LABELS[next][lang] : '';
  const done = props.outcomes?.filter((o) => o.outcome === 'done').length ?? 0;
  const skipped = props.outcomes?.filter((o) => o.outcome === 'skipped').length ?? 0;
  return {
    title: m.title,
    body: (
      <div class="page">
        <p>
          <a href="/staff/benefits">{m.back}</a>
        </p>
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
        <ErrorSummary lang={lang} errors={props.errors ?? []} />
        {props.outcomes ? (
          <div class="notice notice--success" role="status" data-testid="gift-outcomes">
            {m.done(done)}
            {skipped ? ` ${m.skipped(skipped)}` : ''}
          </div>
        ) : null}
        <form method="get" action="/staff/benefits/gift-dispatch" class="inline-form">
          <div class="field">
            <label for="field-municipality">{m.municipality}</label>
            <input
              id="field-municipality"
              name="municipality"
              type="text"
              inputMode="numeric"
              maxLength={6}
              value={props.municipalityCode ?? ''}
            />
          </div>
          <div class="field">
            <label for="field-state">{m.state}</label>
            <select id="field-state" name="state">
              {GIFT_QUEUE_STATES.map((s) => (
                <option key={s} value={s} selected={s === props.state}>
                  {m.states[s]}
                </option>
              ))}
            </select>
          </div>
          <button class="button button--secondary" type="submit">
            {m.show}
          </button>
        </form>
        <h2>
          {m.states[props.state]} ({props.items.length})
        </h2>
        {props.items.length === 0 ? <p>{m.none}</p> : null}
        <form method="post" action="/staff/benefits/gift-dispatch">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="municipality" value={props.municipalityCode ?? ''} />
          <input type="hidden" name="state" value={props.state} />
          {next ? <input type="hidden" name="to" value={next} /> : null}
          {props.items.length > 0 ? (
            <table class="table" data-testid="gift-dispatch-list">
              <thead>
                <tr>
                  <th scope="col">
                    <span class="visually-hidden">✓</span>
                  </th>
                  <th scope="col">{m.claim}</th>
                  <th scope="col">{m.child}</th>
                  <th scope="col">{m.fiscalYear}</th>
                  <th scope="col">{m.since}</th>
                </tr>
              </thead>
              <tbody>
                {props.items.map((item) => (
                  <tr key={item.claimId}>
                    <td>
                      {next ? (
                        <input
                          type="checkbox"
                          name="claimId"
                          value={item.claimId}
                          id={`gift-${item.claimId}`}
                          aria-label={item.claimId}
                        />
                      ) : null}
                    </td>
                    <td>
                      <a href={`/staff/benefits/claims/${item.claimId}`}>{item.claimId.slice(0, 8)}</a>
                    </td>
                    <td>{item.childId.slice(0, 8)}</td>
                    <td>{item.fiscalYear}</td>
                    <td>{(item.changedAt ?? item.decidedAt).slice(0, 16).replace('T', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {next && props.items.length > 0 && props.canDispatch ? (
            props.municipalityCode ? (
              <p class="button-row">
                <button class="button" type="submit" name="scope" value="selected" data-testid="gift-selected">
                  {m.selected(nextLabel)}
                </button>{' '}
                <button class="button button--secondary" type="submit" name="scope" value="all" data-testid="gift-all">
                  {m.all(m.states[props.state], nextLabel)}
                </button>
              </p>
            ) : (
              <p class="hint">{m.chooseMunicipality}</p>
            )
          ) : null}
        </form>
      </div>
    ),
  };
}
