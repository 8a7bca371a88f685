import { readFile } from 'node:fs/promises';
import { AppError, fieldError } from '../../platform/http/app-error.ts';

export const DEMO_REGISTRY_FILE = new URL('./data/tokyo-registry-subset.json', import.meta.url);

const malformed = (why: string) =>
  new AppError(
    'registry-file-malformed',
    400,
    { en: `The registry file cannot be read: ${why}`, ja: `レジストリのファイルを読み込めません: ${why}` },
    [fieldError('file', { en: why, ja: why })],
  );

/** Reads the official file (or any file of the same shape) from a path or an http(s) URL, and parses its JSON. */
export async function loadRegistryFile(location: string | URL): Promise<unknown> {
  let text: string;
  const where = String(location);
  try {
    if (/^https?:\/\//.test(where)) {
      const response = await fetch(where, { signal: AbortSignal.timeout(60_000) });
      if (!response.ok) throw malformed(`HTTP ${response.status} from ${where}`);
      text = await response.text();
    } else {
      text = await readFile(location, 'utf8');
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw malformed((error as Error).message);
  }
  try {
    // The official file may start with a byte-order mark.
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw malformed(`not JSON (${(error as Error).message})`);
  }
}
