// Tsunagu's service worker: shows a Web Push notice and opens its message in the parent web when tapped.
// Served at /sw.js with Service-Worker-Allowed: / so its scope covers the whole site. Plain JavaScript (no build step).
// The payload is the JSON the Web Push channel encrypts: { title, body, url }. The url is the delivery's tracked link
// (/notify/open/<ledger id>): opening it on notificationclick records the web open once, then shows the message.

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

function readPayload(data) {
  if (!data) return {};
  try {
    return data.json();
  } catch {
    return { body: data.text() };
  }
}

/** Only pages of this site are opened: a notice never sends the parent to another origin. */
function sameOriginUrl(value) {
  try {
    const url = new URL(value || '/', self.location.origin);
    return url.origin === self.location.origin ? url.href : new URL('/', self.location.origin).href;
  } catch {
    return new URL('/', self.location.origin).href;
  }
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event.data);
  const url = sameOriginUrl(payload.url);
  event.waitUntil(
    self.registration.showNotification(payload.title || 'つなぐ', {
      body: payload.body || '',
      data: { url },
      // One notification per message: a resent push replaces the shown one instead of stacking a copy.
      tag: url,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = sameOriginUrl(event.notification.data?.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (client.url === url && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(url);
    }),
  );
});
