// Progressive enhancement for "receive notices in this browser": the page renders a hidden button with
//   data-push-subscribe
//   data-vapid-public-key="<URL-safe base64 VAPID public key>"
//   data-subscribe-url="<where to POST the subscription JSON>"
//   data-csrf-token="<the form's CSRF token>"
//   data-msg-done / data-msg-denied / data-msg-error / data-msg-unsupported  (texts in the page's language)
// and an element with data-push-status (aria-live) for the outcome. Without JavaScript, or in a browser without
// service workers and the Push API, the button stays hidden and the other channels (inbox, LINE, e-mail) still work.

function urlBase64ToUint8Array(value) {
  const padded = value + '='.repeat((4 - (value.length % 4)) % 4);
  const binary = atob(padded.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function say(button, key) {
  const status = document.querySelector('[data-push-status]');
  if (status) status.textContent = button.dataset[key] || '';
}

async function subscribe(button) {
  button.disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      say(button, 'msgDenied');
      return;
    }
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    await navigator.serviceWorker.ready;
    const subscription =
      (await registration.pushManager.getSubscription()) ||
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: urlBase64ToUint8Array(button.dataset.vapidPublicKey),
      }));
    const response = await fetch(button.dataset.subscribeUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'csrf-token': button.dataset.csrfToken },
      body: JSON.stringify(subscription.toJSON()),
    });
    if (!response.ok) throw new Error(`subscription not saved: ${response.status}`);
    say(button, 'msgDone');
  } catch (error) {
    console.error(error);
    say(button, 'msgError');
  } finally {
    button.disabled = false;
  }
}

for (const button of document.querySelectorAll('[data-push-subscribe]')) {
  if ('serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window) {
    button.hidden = false;
    button.addEventListener('click', (event) => {
      event.preventDefault();
      subscribe(button);
    });
  } else {
    say(button, 'msgUnsupported');
  }
}
