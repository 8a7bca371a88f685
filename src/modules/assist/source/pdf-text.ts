import { SOURCE_LIMITS, sourceError, tooLarge } from './source-limits.ts';

/**
 * The text layer of a PDF (pdf.js through unpdf), one line per text line. A scanned PDF has no text layer: it is
 * refused with that reason rather than proposing nothing.
 */
export async function pdfToText(bytes: Uint8Array, field = 'file'): Promise<{ text: string; pages: number }> {
  if (bytes.byteLength > SOURCE_LIMITS.pdfBytes) throw tooLarge(field, SOURCE_LIMITS.pdfBytes);
  if (!isPdf(bytes)) {
    throw sourceError('assist-pdf-malformed', 400, field, {
      en: 'The file is not a PDF (it does not start with %PDF-).',
      ja: 'PDF ファイルではありません（%PDF- で始まっていません）。',
    });
  }
  // Loaded on first use: pdf.js is large, and the CLI and most requests never read a PDF.
  const { extractText, getDocumentProxy } = await import('unpdf');
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw sourceError('assist-pdf-malformed', 400, field, {
      en: `The PDF cannot be read: ${(error as Error).message}`,
      ja: `PDF を読み込めません: ${(error as Error).message}`,
    });
  }
  try {
    if (document.numPages > SOURCE_LIMITS.pdfPages) {
      throw sourceError('assist-pdf-too-many-pages', 413, field, {
        en: `The PDF has ${document.numPages} pages; the limit is ${SOURCE_LIMITS.pdfPages}.`,
        ja: `PDF のページ数（${document.numPages}）が上限（${SOURCE_LIMITS.pdfPages}）を超えています。`,
      });
    }
    const { text } = await extractText(document, { mergePages: false });
    const joined = text.join('\n').trim();
    if (!joined) {
      throw sourceError('assist-pdf-no-text', 422, field, {
        en: 'The PDF has no text layer (a scan?). Upload a PDF with text, or paste the text.',
        ja: 'PDF に文字情報がありません（画像のみの PDF など）。文字を含む PDF をアップロードするか、本文を貼り付けてください。',
      });
    }
    return { text: joined.slice(0, SOURCE_LIMITS.textChars), pages: document.numPages };
  } finally {
    await document.loadingTask.destroy();
  }
}

export function isPdf(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 5 && new TextDecoder('latin1').decode(bytes.subarray(0, 5)) === '%PDF-';
}
