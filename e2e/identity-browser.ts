// Identity's browser helpers; the Chromium launch and free ports are the shared ones.

/** A free loopback port, known before the app is built: BASE_URL (OIDC redirect URI, issuer) must name it. */
export { freePort } from '../src/platform/testing/free-port.ts';
export { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './browser.ts';
