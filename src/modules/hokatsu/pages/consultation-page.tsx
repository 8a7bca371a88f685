import type { Lang } from '../../../platform/i18n/i18n.ts';
import { consultationMessages } from '../screening.messages.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface ConsultationPageProps {
  municipality: string;
  slots: { id: string; startsAt: string; durationMinutes: number; seatsLeft: number }[];
  /** Null when no parent is signed in. */
  parent: {
    csrfToken: string;
    mine: {
      bookingId: string;
      startsAt: Date;
      durationMinutes: number;
      meetingUrl: string;
      topic: string;
      cancellable: boolean;
    }[];
  } | null;
  flash: 'booked' | 'cancelled' | null;
  error: string | null;
}

const when = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/** Consultation slots of a municipality; a signed-in parent books with a topic and sees the meeting link. */
export function consultationPage(p: ConsultationPageProps) {
  return (lang: Lang) => {
    const m = consultationMessages(lang);
    return {
      title: m.title,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.title}</h1>
          <p>{m.lead}</p>
          {p.flash && (
            <p class="flash" role="status">
              {m[p.flash]}
            </p>
          )}
          {p.error && (
            <div class="error-summary" role="alert">
              <h2>{m.errorHeading}</h2>
              <p>{p.error}</p>
            </div>
          )}
          {p.parent && p.parent.mine.length > 0 && (
            <section aria-labelledby="mine-title">
              <h2 id="mine-title">{m.mine}</h2>
              <ul class="visit-list" data-testid="my-consultations">
                {p.parent.mine.map((b) => (
                  <li key={b.bookingId}>
                    <p>{`${when(b.startsAt, lang)}（${m.minutes(b.durationMinutes)}）— ${b.topic}`}</p>
                    <a class="button" href={b.meetingUrl} rel="noopener noreferrer">
                      {m.join}
                    </a>
                    {b.cancellable && p.parent ? (
                      <form method="post" action={`/hokatsu/consultations/bookings/${b.bookingId}/cancel`}>
                        <input type="hidden" name="_csrf" value={p.parent.csrfToken} />
                        <input type="hidden" name="municipality" value={p.municipality} />
                        <button class="button button--secondary" type="submit">
                          {m.cancel}
                        </button>
                      </form>
                    ) : (
                      <p class="option__hint">{m.cancelClosed}</p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {p.slots.length === 0 ? (
            <p>{m.none}</p>
          ) : (
            <ul class="visit-list">
              {p.slots.map((s) => (
                <li key={s.id}>
                  <p>{`${when(new Date(s.startsAt), lang)}（${m.minutes(s.durationMinutes)}）— ${m.seatsLeft(s.seatsLeft)}`}</p>
                  {p.parent && s.seatsLeft > 0 && (
                    <form method="post" action="/hokatsu/consultations" class="stack">
                      <input type="hidden" name="_csrf" value={p.parent.csrfToken} />
                      <input type="hidden" name="slotId" value={s.id} />
                      <input type="hidden" name="municipality" value={p.municipality} />
                      <label for={`topic-${s.id}`}>{m.topic}</label>
                      <input id={`topic-${s.id}`} name="topic" required maxLength={200} />
                      <label for={`questions-${s.id}`}>{m.questions}</label>
                      <textarea id={`questions-${s.id}`} name="questions" rows={3} maxLength={2000} />
                      <button class="button" type="submit">
                        {m.book}
                      </button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {!p.parent && (
            <p>
              <a
                class="button"
                href={`/sign-in?next=${encodeURIComponent(`/hokatsu/consultations?municipality=${p.municipality}`)}`}
              >
                {m.signIn}
              </a>
            </p>
          )}
        </>
      ),
    };
  };
}
