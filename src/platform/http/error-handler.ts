import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { h } from 'preact';
import { detectLang } from '../i18n/i18n.ts';
import { renderDocument } from '../web/render-page.ts';
import { AppError } from './app-error.ts';
import { ErrorPage } from './error-page.tsx';
import { type ProblemDocument, toProblem } from './problem.ts';
import { toFieldErrors } from './validation-messages.ts';

/** Fastify's own client errors, by code, as our problems. Anything not listed falls back on its status. */
const FASTIFY_ERRORS: Record<string, { code: string; en: string; ja: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload-too-large',
    en: 'The request body is larger than this server accepts.',
    ja: 'リクエスト本文がサーバーの上限を超えています。',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported-media-type',
    en: 'Send the body as application/json (or a form for pages).',
    ja: '本文は application/json（画面のフォームはフォーム形式）で送ってください。',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'malformed-body',
    en: 'The body is empty but the content type says JSON.',
    ja: 'JSON と指定されていますが本文が空です。',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'malformed-body',
    en: 'The body is not valid JSON.',
    ja: '本文が正しい JSON ではありません。',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'malformed-body',
    en: 'Content-Length does not match the body.',
    ja: 'Content-Length と本文の長さが一致しません。',
  },
  FST_CSRF_INVALID_TOKEN: {
    code: 'csrf-failed',
    en: 'The form was open too long or came from another site. Reload the page and try again.',
    ja: 'フォームの有効期限が切れたか、別のサイトから送信されました。ページを再読み込みしてやり直してください。',
  },
  FST_CSRF_MISSING_SECRET: {
    code: 'csrf-failed',
    en: 'The form was open too long or came from another site. Reload the page and try again.',
    ja: 'フォームの有効期限が切れたか、別のサイトから送信されました。ページを再読み込みしてやり直してください。',
  },
};

/** A browser navigating to a page gets HTML; API clients and scripts get problem+json. */
function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/') || request.url.startsWith('/openapi')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html');
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDocument) {
  reply.status(problem.status);
  if (wantsHtml(request)) {
    const lang = detectLang(request);
    const title = lang === 'ja' ? problem.titleJa : problem.title;
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderDocument(lang, title, request.url.split('?')[0] ?? '/', h(ErrorPage, { lang, problem })));
  }
  return reply.header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(problem));
}

export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'body';
    const fieldErrors = toFieldErrors(context, error.validation);
    return new AppError(
      'validation-failed',
      400,
      {
        en: `${fieldErrors.length} value(s) in the request are invalid: ${fieldErrors.map((f) => f.field).join(', ')}.`,
        ja: `リクエストの ${fieldErrors.length} 件の値に誤りがあります: ${fieldErrors.map((f) => f.field).join('、')}`,
      },
      fieldErrors,
    );
  }
  const fastifyError = error as FastifyError;
  const known = fastifyError.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) {
    return new AppError(known.code, fastifyError.statusCode ?? 400, { en: known.en, ja: known.ja });
  }
  if (fastifyError.statusCode === 429) {
    return new AppError('rate-limited', 429, {
      en: 'Too many requests from this client. Wait a minute and try again.',
      ja: 'リクエストが多すぎます。1分ほど待ってからやり直してください。',
    });
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    return new AppError('bad-request', status, { en: fastifyError.message, ja: 'リクエストを処理できません。' });
  }
  return new AppError('internal-error', 500, {
    en: 'Something went wrong on our side. Quote the errorId if you contact support.',
    ja: 'システム側でエラーが発生しました。お問い合わせの際は errorId をお伝えください。',
  });
}

/**
 * @param missError answers for a request that matched no route; a body error on such a request (bad JSON sent to
 * a path that does not take POST) must still say 404/405, not 400.
 */
export function registerErrorHandler(app: FastifyInstance, missError: (request: FastifyRequest) => AppError) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = request.is404 ? missError(request) : toAppError(error);
    let errorId: string | undefined;
    if (appError.status >= 500) {
      errorId = randomUUID();
      request.log.error({ err: error, errorId }, 'request failed');
    } else {
      request.log.info({ code: appError.code, status: appError.status }, 'request rejected');
    }
    for (const [name, value] of Object.entries(appError.headers)) reply.header(name, value);
    if (appError.status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60');
    return sendProblem(request, reply, toProblem(appError, request.url, request.id, errorId));
  });
}
