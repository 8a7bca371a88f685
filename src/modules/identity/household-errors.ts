import { AppError, badRequest, notFound } from '../../platform/http/app-error.ts';

export const householdNotFound = () => notFound({ en: 'No such household.', ja: '該当する世帯が見つかりません。' });
export const childNotFound = () => notFound({ en: 'No such child.', ja: '該当するお子さんが見つかりません。' });
export const pregnancyNotFound = () =>
  notFound({ en: 'No such pregnancy.', ja: '該当する妊娠の記録が見つかりません。' });

export const dateInFuture = (field: string) =>
  badRequest('date-in-future', field, { en: 'This date is in the future.', ja: '未来の日付は指定できません。' });

export const notAParent = () =>
  new AppError('forbidden', 403, {
    en: 'Only a signed-in parent can do this.',
    ja: '保護者としてログインしている場合のみ行えます。',
  });
