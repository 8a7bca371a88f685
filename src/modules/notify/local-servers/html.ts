/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A small self-contained page (the local servers are test tools, not part of the parent web's design system). */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,"Noto Sans JP",sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#1a1a1c;line-height:1.6}
h1{font-size:1.25rem}h2{font-size:1.05rem;margin-top:1.5rem;overflow-wrap:anywhere}
.bubble{background:#e8f6ec;border:1px solid #06c755;border-radius:1rem;padding:.5rem .75rem;margin:.5rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#595959;font-size:.8rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{font:inherit;padding:.5rem;width:100%;box-sizing:border-box;border:1px solid #767676;border-radius:.25rem}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#03702e;color:#fff;border:0;border-radius:.4rem;font-weight:700}
a{color:#0017c1}
</style></head><body>${body}</body></html>`;
}
