import Provider, { type Configuration } from 'oidc-provider';
import type { Config } from '../../../config.ts';
import type { DemoCardSecrets } from './demo-card-store.ts';
import { findDemoResident } from './demo-residents.ts';

export const DEMO_CARD_PATH = '/demo-card';
/** What the Digital Agency's authentication app offers: identity attributes, and `sign` for signing. */
export const CARD_SCOPES = ['openid', 'name', 'address', 'birthdate', 'gender', 'sign'] as const;

export interface CardClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export function demoCardIssuer(config: Config): string {
  return `${config.baseUrl}${DEMO_CARD_PATH}`;
}

/** Tsunagu's own registration at the demo authority. */
export function demoCardClient(config: Config, secrets: DemoCardSecrets): CardClient {
  return {
    clientId: 'tsunagu-demo',
    clientSecret: secrets.clientSecret,
    redirectUri: `${config.baseUrl}/sign-in/card/callback`,
  };
}

/**
 * The built-in demo card authority: a real OpenID provider (oidc-provider) that signs in the made-up residents of
 * demo-residents.ts, so the whole relying-party flow runs on one machine. Demo mode only. Its keys and state are
 * kept in the database (demo-card-store.ts), so a restart or a second process does not break a sign-in.
 */
export function createDemoCardProvider(
  config: Config,
  client: CardClient,
  secrets: DemoCardSecrets,
  adapter: Configuration['adapter'],
): Provider {
  const configuration: Configuration = {
    adapter,
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        client_name: 'つなぐ',
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [secrets.signingJwk as never] },
    cookies: { keys: [secrets.cookieKey] },
    scopes: [...CARD_SCOPES],
    claims: {
      openid: ['sub'],
      name: ['name', 'name_kana'],
      address: ['address'],
      birthdate: ['birthdate'],
      gender: ['gender'],
    },
    // The attributes go into the ID token too, as the card app does; the relying party also reads userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `${DEMO_CARD_PATH}/interaction/${interaction.uid}` },
    ttl: { AuthorizationCode: 60, IdToken: 300, AccessToken: 300, Interaction: 600, Session: 600, Grant: 600 },
    async findAccount(_ctx, sub) {
      const resident = findDemoResident(sub);
      if (!resident) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            name: resident.name,
            name_kana: resident.nameKana,
            birthdate: resident.birthdate,
            gender: resident.gender,
            address: { formatted: resident.address, country: 'JP' },
          };
        },
      };
    },
  };
  const provider = new Provider(demoCardIssuer(config), configuration);
  // X-Forwarded-* are set by our mount from BASE_URL (see demo-card.routes.ts), never taken from the client.
  provider.proxy = true;
  return provider;
}
