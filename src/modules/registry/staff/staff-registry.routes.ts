import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { detectLang } from '../../../platform/i18n/i18n.ts';
import type { AppServices } from '../../../platform/services.ts';
import { sendPage } from '../../../platform/web/render-page.ts';
import { MUNICIPALITIES, TOKYO_CODE } from '../../municipalities/index.ts';
import { blankProgram } from '../program-input.ts';
import { actorLabel, type RegistryActor } from '../registry-actor.ts';
import { getStaffProgram, programMunicipality } from '../use-cases/get-staff-program.ts';
import { listProgramVersions } from '../use-cases/list-program-versions.ts';
import { listStaffPrograms, STAFF_PROGRAM_FILTERS } from '../use-cases/list-staff-programs.ts';
import { retireProgram } from '../use-cases/retire-program.ts';
import { reviewProgramVersion } from '../use-cases/review-program-version.ts';
import { createProgramDraft, editProgramDraft } from '../use-cases/save-program-draft.ts';
import { submitProgramVersion } from '../use-cases/submit-program-version.ts';
import {
  errorMessages,
  type FieldMessage,
  type FormBody,
  formValues,
  type ProgramFormValues,
  parseProgramForm,
  valuesFromData,
} from './program-form.ts';
import { authorizeConsole, authorizeRegistry, registryAbilities, registryActorFor } from './staff-registry-actor.ts';
import { type Flash, staffProgramFormPage, staffProgramListPage, staffProgramPage } from './staff-registry-pages.tsx';

const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const programParams = z.object({ id: z.uuid() });
const FLASHES = ['saved', 'submitted', 'approved', 'returned', 'retired'] as const;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The staff console of the registry (`/staff/registry`): server-rendered forms with CSRF tokens, working without
 * JavaScript. Every action is checked with `authorize` (audited) and then handed to the workflow use case with the
 * session's actor mapped to a `RegistryActor`; the use cases keep the four-eyes rule and the status machine.
 */
export async function staffRegistryRoutes(app: FastifyInstance, services: AppServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const csrf = { preHandler: app.csrfProtection };
  const signedInStaff = (request: FastifyRequest, reply: FastifyReply): Actor | undefined => {
    if (request.actor.type === 'staff') return request.actor;
    void reply.redirect('/staff/sign-in', 303);
    return undefined;
  };
  // A new program belongs to the editor's municipality; Tokyo-wide editors pick any (130001 = Tokyo-wide program).
  const municipalitiesFor = (actor: Actor) => {
    const own = registryActorFor(actor).municipalityCode;
    return own === TOKYO_CODE ? MUNICIPALITIES.map((m) => m.code) : [own];
  };

  r.get(
    '/staff/registry',
    {
      schema: {
        hide: true,
        querystring: z.object({
          status: z.enum(STAFF_PROGRAM_FILTERS).default('all'),
          q: z.string().max(200).optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await authorizeConsole(services, actor, request.id);
      const programs = await listStaffPrograms(services, {
        actor: registryActor,
        filter: request.query.status,
        q: request.query.q,
      });
      return sendPage(request, reply, (lang) =>
        staffProgramListPage(lang, {
          programs,
          filter: request.query.status,
          q: request.query.q ?? '',
          canEdit: registryAbilities(actor).edit,
        }),
      );
    },
  );

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    props: { values: ProgramFormValues; errors: FieldMessage[]; program?: { id: string; name: string } },
    status = 200,
  ) => {
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) => staffProgramFormPage(lang, { csrfToken, municipalities: municipalitiesFor(actor), ...props }),
      status,
    );
  };

  r.get('/staff/registry/new', { schema: { hide: true } }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id);
    const code = registryActor.municipalityCode === TOKYO_CODE ? TOKYO_CODE : registryActor.municipalityCode;
    return renderForm(request, reply, actor, {
      values: valuesFromData(blankProgram(code, ''), null, null),
      errors: [],
    });
  });

  r.post('/staff/registry/new', { schema: { hide: true, body: formBody }, ...csrf }, async (request, reply) => {
    const actor = signedInStaff(request, reply);
    if (!actor) return reply;
    const lang = detectLang(request);
    const values = formValues(request.body as FormBody);
    const parsed = parseProgramForm(values, null, lang, true);
    let errors = parsed.ok ? [] : parsed.errors;
    if (parsed.ok) {
      const { municipalityCode = '', ...changes } = parsed.changes;
      const registryActor = await authorizeRegistry(services, actor, 'registry.edit', request.id, { municipalityCode });
      try {
        const created = await createProgramDraft(services, {
          actor: registryActor,
          program: { ...changes, municipalityCode },
          requestId: request.id,
        });
        return reply.redirect(`/staff/registry/programs/${created.programId}?done=saved`, 303);
      } catch (error) {
        errors = errorMessages(error, lang);
      }
    }
    return renderForm(request, reply, actor, { values, errors }, 400);
  });

  /** Authorizes a console action on one program and returns the workflow actor. */
  const forProgram = async (
    request: FastifyRequest,
    actor: Actor,
    id: string,
    permission: 'registry.edit' | 'registry.approve',
  ) => {
    const program = await programMunicipality(services, id);
    return authorizeRegistry(services, actor, permission, request.id, program);
  };

  const renderProgram = async (
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    id: string,
    extra: { flash?: Flash | null; errors?: FieldMessage[] } = {},
    status = 200,
  ) => {
    const program = await programMunicipality(services, id);
    const can = registryAbilities(actor, program.municipalityCode);
    const registryActor = await authorizeRegistry(
      services,
      actor,
      can.edit || !can.approve ? 'registry.edit' : 'registry.approve',
      request.id,
      program,
    );
    const detail = await getStaffProgram(services, { actor: registryActor, programId: id });
    const history = await listProgramVersions(services, { actor: registryActor, programId: id, requestId: request.id });
    const me = actorLabel(registryActor);
    const csrfToken = reply.generateCsrf();
    return sendPage(
      request,
      reply,
      (lang) =>
        staffProgramPage(lang, {
          csrfToken,
          program: detail,
          history,
          can,
          ownVersion: detail.open ? detail.open.createdBy === me || detail.open.submittedBy === me : false,
          flash: extra.flash ?? null,
          errors: extra.errors ?? [],
        }),
      status,
    );
  };

  r.get(
    '/staff/registry/programs/:id',
    {
      schema: {
        hide: true,
        params: programParams,
        querystring: z.object({ done: z.enum(FLASHES).optional() }),
      },
    },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      return renderProgram(request, reply, actor, request.params.id, { flash: request.query.done ?? null });
    },
  );

  r.get(
    '/staff/registry/programs/:id/edit',
    { schema: { hide: true, params: programParams } },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const registryActor = await forProgram(request, actor, request.params.id, 'registry.edit');
      const p = await getStaffProgram(services, { actor: registryActor, programId: request.params.id });
      const source = p.open ?? p;
      return renderForm(request, reply, actor, {
        values: valuesFromData(source.data, source.effectiveFrom, source.effectiveTo),
        errors: [],
        program: { id: p.id, name: source.data.name },
      });
    },
  );

  r.post(
    '/staff/registry/programs/:id/edit',
    { schema: { hide: true, params: programParams, body: formBody }, ...csrf },
    async (request, reply) => {
      const actor = signedInStaff(request, reply);
      if (!actor) return reply;
      const lang = detectLang(request);
      const registryActor = await forProgram(request, actor, request.params.id, 'registry.edit');
      const p = await getStaffProgram(services, { actor: registryActor, programId: request.params.id });
      const base = p.open?.data ?? p.data;
      const values = formValues(request.body as FormBody);
      const parsed = parseProgramForm(values, base, lang, false);
      let errors = parsed.ok ? [] : parsed.errors;
      if (parsed.ok) {
        try {
          await editProgramDraft(services, {
            actor: registryActor,
            programId: p.id,
            changes: parsed.changes,
            requestId: request.id,
          });
          return reply.redirect(`/staff/registry/programs/${p.id}?done=saved`, 303);
        } catch (error) {
          errors = errorMessages(error, lang);
        }
      }
      return renderForm(request, reply, actor, { values, errors, program: { id: p.id, name: base.name } }, 400);
    },
  );

  /** A workflow step from a button: on refusal (wrong state, four eyes) the program page shows why. */
  const step = (
    path: string,
    permission: 'registry.edit' | 'registry.approve',
    run: (registryActor: RegistryActor, id: string, body: FormBody, requestId: string) => Promise<Flash>,
  ) =>
    r.post(
      `/staff/registry/programs/:id/${path}`,
      { schema: { hide: true, params: programParams, body: formBody }, ...csrf },
      async (request, reply) => {
        const actor = signedInStaff(request, reply);
        if (!actor) return reply;
        const registryActor = await forProgram(request, actor, request.params.id, permission);
        try {
          const flash = await run(registryActor, request.params.id, request.body as FormBody, request.id);
          return reply.redirect(`/staff/registry/programs/${request.params.id}?done=${flash}`, 303);
        } catch (error) {
          const errors = errorMessages(error, detectLang(request));
          return renderProgram(request, reply, actor, request.params.id, { errors }, 409);
        }
      },
    );
  const versionOf = (body: FormBody) => Number(first(body.version));

  step('submit', 'registry.edit', async (actor, id, body, requestId) => {
    await submitProgramVersion(services, { actor, programId: id, version: versionOf(body), requestId });
    return 'submitted';
  });
  step('review', 'registry.approve', async (actor, id, body, requestId) => {
    const decision = first(body.decision) === 'approve' ? 'approve' : 'return';
    await reviewProgramVersion(services, { actor, programId: id, version: versionOf(body), decision, requestId });
    return decision === 'approve' ? 'approved' : 'returned';
  });
  step('retire', 'registry.approve', async (actor, id, _body, requestId) => {
    await retireProgram(services, { actor, programId: id, requestId });
    return 'retired';
  });
}
