import { notFound } from '../../../platform/http/app-error.ts';
import { findMunicipality, type Municipality } from '../municipality-catalog.ts';

export function getMunicipality(code: string): Municipality {
  const municipality = findMunicipality(code);
  if (!municipality) {
    throw notFound({
      en: `No Tokyo municipality has the code ${code}.`,
      ja: `地方公共団体コード ${code} の東京都内の団体はありません。`,
    });
  }
  return municipality;
}
