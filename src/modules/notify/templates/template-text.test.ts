import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/app-error.ts';
import { assertKnownVariables, renderTemplate, templateVariables } from './template-text.ts';

describe('template text', () => {
  it('lists the variables in order of first use', () => {
    expect(templateVariables('((child_name)) の ((month)) / ((child_name))')).toEqual(['child_name', 'month']);
  });

  it('fills variables and leaves other text alone', () => {
    expect(renderTemplate('((child_name))さん (1)', { child_name: 'はな' })).toBe('はなさん (1)');
  });

  it('refuses an unknown variable and names it and the field', () => {
    let error: unknown;
    try {
      assertKnownVariables('body.bodyJa', '((child_name)) ((chlid_age))', ['child_name', 'month']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(400);
    expect(appError.code).toBe('notify-template-unknown-variable');
    expect(appError.fieldErrors[0]?.field).toBe('body.bodyJa');
    expect(appError.detail.en).toContain('((chlid_age))');
    expect(appError.detail.ja).toContain('((chlid_age))');
  });

  it('accepts a text that uses only known variables', () => {
    expect(() => assertKnownVariables('body.titleEn', 'For ((child_name))', ['child_name'])).not.toThrow();
  });
});
