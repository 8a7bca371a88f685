import type { Actor } from '../../../platform/access/actor.ts';
import { STAFF_ROLES } from '../../../platform/access/staff-roles.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import { MUNICIPALITIES } from '../../municipalities/index.ts';
import type { StaffView } from '../identity-staff.schemas.ts';
import { type FieldMessage, SelectField, TextField } from './form-helpers.tsx';
import { municipalityName } from './household-page.tsx';
import { FormErrors } from './parent-nav.tsx';
import { staffMessages } from './staff.messages.ts';

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export function staffSignInPage(
  lang: Lang,
  props: { csrfToken: string; email?: string; errors: FieldMessage[]; accepted?: boolean },
) {
  const m = staffMessages(lang);
  return {
    title: m.signInTitle,
    body: (
      <section class="panel" aria-labelledby="staff-sign-in">
        <h1 id="staff-sign-in">{m.signInTitle}</h1>
        {props.accepted ? (
          <p class="notice notice--success" role="status">
            {m.accepted}
          </p>
        ) : null}
        <FormErrors lang={lang} errors={props.errors} />
        <form method="post" action="/staff/sign-in">
          <Csrf token={props.csrfToken} />
          <TextField
            name="email"
            label={m.email}
            type="email"
            value={props.email}
            errors={[]}
            autocomplete="username"
          />
          <TextField name="password" label={m.password} type="password" errors={[]} autocomplete="current-password" />
          <button class="button" type="submit">
            {m.next}
          </button>
        </form>
      </section>
    ),
  };
}

export function staffTotpPage(lang: Lang, props: { csrfToken: string; errors: FieldMessage[] }) {
  const m = staffMessages(lang);
  return {
    title: m.totpTitle,
    body: (
      <section class="panel" aria-labelledby="staff-totp">
        <h1 id="staff-totp">{m.totpTitle}</h1>
        <p>{m.totpLead}</p>
        <FormErrors lang={lang} errors={props.errors} />
        <form method="post" action="/staff/sign-in/totp">
          <Csrf token={props.csrfToken} />
          <TextField name="code" label={m.code} inputmode="numeric" errors={[]} autocomplete="one-time-code" />
          <button class="button" type="submit">
            {m.signIn}
          </button>
        </form>
      </section>
    ),
  };
}

export function staffHomePage(lang: Lang, props: { actor: Actor; canManage: boolean; csrfToken: string }) {
  const m = staffMessages(lang);
  const code = props.actor.municipalityCode ?? '';
  return {
    title: m.homeTitle,
    body: (
      <section class="panel" aria-labelledby="staff-home">
        <h1 id="staff-home">{m.homeTitle}</h1>
        <dl>
          <dt>{m.municipality}</dt>
          <dd data-testid="staff-municipality">{code === '130001' ? m.tokyoWide : municipalityName(code, lang)}</dd>
          <dt>{m.roles}</dt>
          <dd>{(props.actor.roles ?? []).map((role) => m.roleNames[role]).join('、') || '—'}</dd>
        </dl>
        {props.canManage ? (
          <p>
            <a href="/staff/users">{m.usersLink}</a>
          </p>
        ) : null}
        <form method="post" action="/sign-out">
          <Csrf token={props.csrfToken} />
          <button class="button button--secondary" type="submit">
            {m.signOut}
          </button>
        </form>
      </section>
    ),
  };
}

export function staffUsersPage(
  lang: Lang,
  props: {
    actor: Actor;
    staff: StaffView[];
    csrfToken: string;
    invitationUrl?: string;
    errors: FieldMessage[];
    values?: Record<string, string | undefined>;
  },
) {
  const m = staffMessages(lang);
  const tokyoWide = props.actor.municipalityCode === '130001';
  const municipalities = MUNICIPALITIES.filter((x) => tokyoWide || x.code === props.actor.municipalityCode);
  const assignable = STAFF_ROLES.filter((r) => r !== 'platform-admin' || (props.actor.roles ?? []).includes(r));
  return {
    title: m.usersTitle,
    body: (
      <>
        <p>
          <a href="/staff">{m.homeTitle}</a>
        </p>
        <h1>{m.usersTitle}</h1>
        {props.invitationUrl ? (
          <div class="notice notice--success" role="status">
            <p>{m.invitationCreated}</p>
            <p>
              <code data-testid="invitation-url">{props.invitationUrl}</code>
            </p>
          </div>
        ) : null}
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.displayName}</th>
                <th scope="col">{m.municipality}</th>
                <th scope="col">{m.roles}</th>
                <th scope="col">{m.status}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {props.staff.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.displayName}
                    <br />
                    <small>{s.email}</small>
                  </td>
                  <td>{municipalityName(s.municipalityCode, lang)}</td>
                  <td>{s.roles.map((r) => m.roleNames[r]).join('、')}</td>
                  <td>
                    {m.statuses[s.status]}
                    {s.locked ? ` (${m.locked})` : ''}
                  </td>
                  <td>
                    {s.id !== props.actor.id && s.status !== 'invited' ? (
                      <form method="post" action={`/staff/users/${s.id}`} class="button-row">
                        <Csrf token={props.csrfToken} />
                        <button
                          class="button button--secondary"
                          type="submit"
                          name="action"
                          value={s.status === 'active' ? 'disable' : 'enable'}
                        >
                          {s.status === 'active' ? m.disable : m.enable}
                        </button>
                        {s.locked ? (
                          <button class="button button--secondary" type="submit" name="action" value="unlock">
                            {m.unlock}
                          </button>
                        ) : null}
                      </form>
                    ) : null}
                    {s.id !== props.actor.id && s.kind === 'municipal' && s.status !== 'disabled' ? (
                      <details>
                        <summary>{m.changeRoles}</summary>
                        <form method="post" action={`/staff/users/${s.id}`}>
                          <Csrf token={props.csrfToken} />
                          {assignable.map((role) => (
                            <label class="choice" key={role}>
                              <input type="checkbox" name="roles" value={role} checked={s.roles.includes(role)} />
                              <span>{m.roleNames[role]}</span>
                            </label>
                          ))}
                          <button class="button button--secondary" type="submit" name="action" value="roles">
                            {m.saveRoles}
                          </button>
                        </form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section class="panel" aria-labelledby="invite">
          <h2 id="invite">{m.inviteTitle}</h2>
          <FormErrors lang={lang} errors={props.errors} />
          <form method="post" action="/staff/users/invitations">
            <Csrf token={props.csrfToken} />
            <TextField name="email" label={m.email} type="email" value={props.values?.email} errors={props.errors} />
            <TextField
              name="displayName"
              label={m.displayName}
              value={props.values?.displayName}
              errors={props.errors}
            />
            <SelectField
              name="municipalityCode"
              label={m.municipality}
              value={props.values?.municipalityCode ?? props.actor.municipalityCode}
              options={municipalities.map((x) => [x.code, lang === 'ja' ? x.name : x.nameEn] as const)}
              errors={props.errors}
            />
            <fieldset>
              <legend>{m.roles}</legend>
              {assignable.map((role) => (
                <label class="choice" key={role}>
                  <input type="checkbox" name="roles" value={role} />
                  <span>{m.roleNames[role]}</span>
                </label>
              ))}
            </fieldset>
            <button class="button" type="submit">
              {m.invite}
            </button>
          </form>
        </section>
      </>
    ),
  };
}

export function acceptInvitationPage(
  lang: Lang,
  props: { csrfToken: string; token: string; email: string; secret: string; uri: string; errors: FieldMessage[] },
) {
  const m = staffMessages(lang);
  return {
    title: m.acceptTitle,
    body: (
      <section class="panel" aria-labelledby="accept">
        <h1 id="accept">{m.acceptTitle}</h1>
        <p>{m.acceptLead}</p>
        <p>
          {m.email}: <strong>{props.email}</strong>
        </p>
        <p>
          {m.secret}: <code data-testid="totp-secret">{props.secret}</code>
          <br />
          <a href={props.uri}>{props.uri}</a>
        </p>
        <FormErrors lang={lang} errors={props.errors} />
        <form method="post" action={`/staff/invitations/${props.token}`}>
          <Csrf token={props.csrfToken} />
          <input type="hidden" name="totpSecret" value={props.secret} />
          <TextField name="password" label={m.password} type="password" errors={[]} autocomplete="new-password" />
          <TextField name="code" label={m.code} inputmode="numeric" errors={[]} autocomplete="one-time-code" />
          <button class="button" type="submit">
            {m.activate}
          </button>
        </form>
      </section>
    ),
  };
}
