import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  it('records the headers helmet sets, with our CSP, and HSTS only when asked', () => {
    const headers = securityHeaders({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'"] } }, hsts: false });
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders({ hsts: true })).toHaveProperty('strict-transport-security');
  });
});
