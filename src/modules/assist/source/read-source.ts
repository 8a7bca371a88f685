import type { AppServices } from '../../../platform/services.ts';
import { decodeBytes } from './decode-bytes.ts';
import { fetchPage } from './fetch-page.ts';
import { htmlToText } from './html-text.ts';
import { isPdf, pdfToText } from './pdf-text.ts';
import { SOURCE_LIMITS, sourceError, tooLarge } from './source-limits.ts';

export type SourceInput =
  | { kind: 'text'; text: string; name?: string | null }
  | { kind: 'file'; bytes: Uint8Array; name?: string | null }
  | { kind: 'url'; url: string };

export interface SourceText {
  kind: 'html' | 'pdf' | 'text' | 'url';
  name: string | null;
  text: string;
  title: string | null;
}

const looksLikeHtml = (text: string) => /<(?:!doctype html|html|body|h1|p|div|title)\b/i.test(text.slice(0, 4096));

function fromDecoded(text: string): { text: string; title: string | null; html: boolean } {
  if (looksLikeHtml(text)) return { ...htmlToText(text), html: true };
  return { text: text.replace(/\r\n?/g, '\n').trim(), title: null, html: false };
}

function nonEmpty(result: SourceText, field: string): SourceText {
  if (!result.text.trim()) {
    throw sourceError('assist-source-empty', 422, field, {
      en: 'No text was found in the page or file.',
      ja: 'ページまたはファイルに本文が見つかりません。',
    });
  }
  return { ...result, text: result.text.slice(0, SOURCE_LIMITS.textChars) };
}

/** Any accepted source (pasted text, an uploaded HTML/PDF/text file, or a URL) as text for the extractor. */
export async function readSource(services: AppServices, input: SourceInput): Promise<SourceText> {
  if (input.kind === 'text') {
    if (Buffer.byteLength(input.text) > SOURCE_LIMITS.textBytes) throw tooLarge('body.text', SOURCE_LIMITS.textBytes);
    const read = fromDecoded(input.text);
    return nonEmpty({ kind: read.html ? 'html' : 'text', name: input.name ?? null, ...read }, 'body.text');
  }
  if (input.kind === 'file') {
    if (isPdf(input.bytes)) {
      const { text } = await pdfToText(input.bytes, 'file');
      return nonEmpty({ kind: 'pdf', name: input.name ?? null, text, title: null }, 'file');
    }
    if (input.bytes.byteLength > SOURCE_LIMITS.textBytes) throw tooLarge('file', SOURCE_LIMITS.textBytes);
    const read = fromDecoded(decodeBytes(input.bytes));
    return nonEmpty({ kind: read.html ? 'html' : 'text', name: input.name ?? null, ...read }, 'file');
  }
  const page = await fetchPage(input.url, { allowPrivate: services.config.mode === 'demo' });
  if (isPdf(page.bytes) || page.contentType.includes('application/pdf')) {
    const { text } = await pdfToText(page.bytes, 'body.url');
    return nonEmpty({ kind: 'url', name: page.finalUrl, text, title: null }, 'body.url');
  }
  if (page.bytes.byteLength > SOURCE_LIMITS.textBytes) throw tooLarge('body.url', SOURCE_LIMITS.textBytes);
  const read = fromDecoded(decodeBytes(page.bytes));
  return nonEmpty({ kind: 'url', name: page.finalUrl, text: read.text, title: read.title }, 'body.url');
}
