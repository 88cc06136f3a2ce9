import type { Router } from '../http.js';
import { json } from '../http.js';
import type { Instance } from '../instance.js';

export const MAILBOX_PATH = '/mailbox';

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The local mailbox page (`GET /mailbox`, `?to=` filters) and its JSON (`GET /mailbox/messages`). Neither gets CORS
 * headers (server.ts), so another site open in the same browser cannot read the codes.
 */
export function registerMailboxRoutes(router: Router, instance: Instance): void {
  router.on('GET', '/mailbox/messages', (ctx) =>
    json(instance.mailbox.list(ctx.url.searchParams.get('to') ?? undefined)),
  );

  router.on('GET', MAILBOX_PATH, (ctx) => {
    const to = ctx.url.searchParams.get('to') ?? undefined;
    const rows = instance.mailbox
      .list(to)
      .map(
        (message) =>
          `<tr><td>${escapeHtml(new Date(message.sentAt).toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(message.to)}</td>` +
          `<td>${escapeHtml(message.subject)}</td><td><code class="code">${escapeHtml(message.code)}</code></td></tr>`,
      )
      .join('');
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Local Clerk mailbox</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.4rem .8rem;border-bottom:1px solid #ddd;text-align:left}code{font-size:1.2em}</style>
</head><body><h1>Local Clerk mailbox</h1>
<p>Every email the local Clerk would have sent${to ? ` to <strong>${escapeHtml(to)}</strong> (<a href="${MAILBOX_PATH}">all</a>)` : ''}, newest first. Codes expire after 10 minutes; Clerk's test code 424242 also works. Reload to see new mail.</p>
${rows ? `<table><thead><tr><th>Sent (UTC)</th><th>To</th><th>Subject</th><th>Code</th></tr></thead><tbody>${rows}</tbody></table>` : '<p id="empty">No mail yet.</p>'}
</body></html>`;
    return {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
        'X-Content-Type-Options': 'nosniff',
      },
      body: html,
    };
  });
}
