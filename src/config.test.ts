import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives a working demo configuration with no variables at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'demo',
      port: 3000,
      baseUrl: 'http://localhost:3000',
      databaseUrl: undefined,
    });
    expect(config.dataDir).toBe('./.tsunagu');
  });

  it('names every invalid variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(variables).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
      expect((error as Error).message).toContain('PORT');
    }
  });

  it('requires a session secret and a base URL in production', () => {
    expect(() => loadConfig({ TSUNAGU_MODE: 'production', BASE_URL: 'https://x.example' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ TSUNAGU_MODE: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/BASE_URL/);
  });

  it('treats empty variables as unset and parses booleans', () => {
    const config = loadConfig({ DATABASE_URL: '', MIGRATE_ON_START: 'false', PORT: '8080' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.migrateOnStart).toBe(false);
    expect(config.baseUrl).toBe('http://localhost:8080');
  });
});

describe('loadConfig: card authority', () => {
  it('takes the three OIDC variables together, or none', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(
      loadConfig({ OIDC_ISSUER: 'https://auth.example.jp/', OIDC_CLIENT_ID: 'tsunagu', OIDC_CLIENT_SECRET: 's' }).oidc,
    ).toEqual({ issuer: 'https://auth.example.jp', clientId: 'tsunagu', clientSecret: 's' });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://auth.example.jp' })).toThrow(/OIDC_CLIENT_ID/);
  });
});
