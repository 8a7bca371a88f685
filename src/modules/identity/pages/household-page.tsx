import type { Lang } from '../../../platform/i18n/i18n.ts';
import { findMunicipality, MUNICIPALITIES, TOKYO_CODE } from '../../municipalities/index.ts';
import type { ChildView, HouseholdView } from '../identity.schemas.ts';
import { RELATIONSHIPS, SEXES } from '../tables/household.tables.ts';
import { type FieldMessage, SelectField, TextField } from './form-helpers.tsx';
import { parentMessages } from './parent.messages.ts';
import { FormErrors, ParentNav } from './parent-nav.tsx';

export function municipalityName(code: string, lang: Lang): string {
  const m = findMunicipality(code);
  return m ? (lang === 'ja' ? m.name : m.nameEn) : code;
}

export interface HouseholdPageProps {
  household: HouseholdView;
  csrfToken: string;
  flash?: 'added' | 'saved' | undefined;
  moveForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
  childForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
  pregnancyForm?: { values: Record<string, string | undefined>; errors: FieldMessage[] };
}

export function ChildFields({
  lang,
  values,
  errors,
  withRelationship,
}: {
  lang: Lang;
  values: Record<string, string | undefined>;
  errors: FieldMessage[];
  withRelationship: boolean;
}) {
  const m = parentMessages(lang);
  return (
    <>
      <TextField name="name" label={m.name} value={values.name} errors={errors} autocomplete="off" />
      <TextField name="nameKana" label={m.nameKana} value={values.nameKana} errors={errors} autocomplete="off" />
      <TextField name="birthDate" label={m.birthDate} type="date" value={values.birthDate} errors={errors} />
      <SelectField
        name="sex"
        label={m.sex}
        value={values.sex}
        options={SEXES.map((s) => [s, m.sexes[s]] as const)}
        errors={errors}
      />
      {withRelationship ? (
        <SelectField
          name="relationship"
          label={m.relationship}
          value={values.relationship}
          options={RELATIONSHIPS.map((r) => [r, m.relationships[r]] as const)}
          errors={errors}
        />
      ) : null}
    </>
  );
}

function ChildItem({ lang, child }: { lang: Lang; child: ChildView }) {
  const m = parentMessages(lang);
  return (
    <li data-testid="child">
      <strong>{child.name}</strong>（{child.nameKana}）<br />
      {m.birthDate}: {child.birthDate} ・ {m.sex}: {m.sexes[child.sex]}
      <br />
      <a href={`/household/children/${child.id}/edit`}>{m.editChild}</a>
    </li>
  );
}

export function householdPage(lang: Lang, props: HouseholdPageProps) {
  const m = parentMessages(lang);
  const { household, csrfToken } = props;
  const childErrors = props.childForm?.errors ?? [];
  const pregnancyErrors = props.pregnancyForm?.errors ?? [];
  return {
    title: m.householdTitle,
    body: (
      <>
        <ParentNav lang={lang} current="/household" csrfToken={csrfToken} />
        <h1>{m.householdTitle}</h1>
        {props.flash ? (
          <p class="notice notice--success" role="status">
            {props.flash === 'added' ? m.added : m.saved}
          </p>
        ) : null}

        <section class="panel" aria-labelledby="guardians">
          <h2 id="guardians">{m.guardians}</h2>
          <ul class="item-list">
            {household.parents.map((p) => (
              <li key={p.id} data-testid="guardian">
                <strong>{p.name}</strong>（{m.verifiedBy}）<br />
                {p.birthDate ? `${m.birthDate}: ${p.birthDate}` : null}
                {p.address ? (
                  <>
                    <br />
                    {p.address}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>

        <section class="panel" aria-labelledby="children">
          <h2 id="children">{m.children}</h2>
          {household.children.length === 0 ? <p>{m.noChildren}</p> : null}
          <ul class="item-list">
            {household.children.map((child) => (
              <ChildItem key={child.id} lang={lang} child={child} />
            ))}
          </ul>
          <details open={childErrors.length > 0}>
            <summary>{m.addChild}</summary>
            <FormErrors lang={lang} errors={childErrors} />
            <form method="post" action="/household/children" data-testid="add-child-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <ChildFields lang={lang} values={props.childForm?.values ?? {}} errors={childErrors} withRelationship />
              <button class="button" type="submit">
                {m.addChild}
              </button>
            </form>
          </details>
        </section>

        <section class="panel" aria-labelledby="pregnancies">
          <h2 id="pregnancies">{m.pregnancies}</h2>
          {household.pregnancies.length === 0 ? <p>{m.noPregnancies}</p> : null}
          <ul class="item-list">
            {household.pregnancies.map((p) => (
              <li key={p.id} data-testid="pregnancy">
                {m.dueDate}: <strong>{p.expectedDeliveryDate}</strong>（{m.statuses[p.status]}）
                {p.status === 'expecting' ? (
                  <form method="post" action={`/household/pregnancies/${p.id}`} class="button-row">
                    <input type="hidden" name="_csrf" value={csrfToken} />
                    <button class="button button--secondary" type="submit" name="status" value="delivered">
                      {m.markDelivered}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          <details open={pregnancyErrors.length > 0}>
            <summary>{m.addPregnancy}</summary>
            <FormErrors lang={lang} errors={pregnancyErrors} />
            <form method="post" action="/household/pregnancies" data-testid="add-pregnancy-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <TextField
                name="expectedDeliveryDate"
                label={m.dueDate}
                type="date"
                value={props.pregnancyForm?.values.expectedDeliveryDate}
                errors={pregnancyErrors}
              />
              <button class="button" type="submit">
                {m.savePregnancy}
              </button>
            </form>
          </details>
        </section>

        <section class="panel" aria-labelledby="residence">
          <h2 id="residence">{m.residence}</h2>
          <ul>
            {household.residences.map((r) => (
              <li key={`${r.municipalityCode}-${r.movedInOn}`}>
                {municipalityName(r.municipalityCode, lang)}: {r.movedInOn} {m.since}
                {r.movedOutOn ? ` ${r.movedOutOn} ${m.until}` : ''}
              </li>
            ))}
          </ul>
          <details open={(props.moveForm?.errors.length ?? 0) > 0}>
            <summary>{m.moveTitle}</summary>
            <FormErrors lang={lang} errors={props.moveForm?.errors ?? []} />
            <form method="post" action="/household/moves" data-testid="move-form">
              <input type="hidden" name="_csrf" value={csrfToken} />
              <SelectField
                name="municipalityCode"
                label={m.moveTo}
                value={props.moveForm?.values.municipalityCode ?? household.municipalityCode}
                options={MUNICIPALITIES.filter((x) => x.code !== TOKYO_CODE).map(
                  (x) => [x.code, lang === 'ja' ? x.name : x.nameEn] as const,
                )}
                errors={props.moveForm?.errors ?? []}
              />
              <TextField
                name="movedOn"
                label={m.movedOn}
                type="date"
                value={props.moveForm?.values.movedOn}
                errors={props.moveForm?.errors ?? []}
              />
              <button class="button" type="submit">
                {m.saveMove}
              </button>
            </form>
          </details>
        </section>

        <form method="post" action="/sign-out/everywhere">
          <input type="hidden" name="_csrf" value={csrfToken} />
          <button class="button button--secondary" type="submit">
            {m.signOutEverywhere}
          </button>
        </form>
      </>
    ),
  };
}

export function editChildPage(
  lang: Lang,
  props: { child: ChildView; csrfToken: string; values?: Record<string, string | undefined>; errors: FieldMessage[] },
) {
  const m = parentMessages(lang);
  const values = props.values ?? { ...props.child };
  return {
    title: `${m.editChild}: ${props.child.name}`,
    body: (
      <>
        <ParentNav lang={lang} current="/household" csrfToken={props.csrfToken} />
        <h1>
          {m.editChild}: {props.child.name}
        </h1>
        <FormErrors lang={lang} errors={props.errors} />
        <form method="post" action={`/household/children/${props.child.id}/edit`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <ChildFields lang={lang} values={values} errors={props.errors} withRelationship={false} />
          <p class="button-row">
            <button class="button" type="submit">
              {m.saveChild}
            </button>
            <a class="button button--secondary" href="/household">
              {m.cancel}
            </a>
          </p>
        </form>
      </>
    ),
  };
}
