import { expect, test } from '@playwright/test';

// The server entry answers crawlers once everything is rendered and browsers as soon as the shell is: both must
// receive the complete catalog page, server-rendered.
for (const [who, userAgent] of [
  ['a crawler', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ['a browser', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'],
] as const) {
  test(`${who} gets the whole catalog page in the HTML`, async ({ request }) => {
    const response = await request.get('/books', { headers: { 'user-agent': userAgent } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<h1>Books</h1>');
    expect(html).toContain('1,000+ books');
    expect(html).toMatch(/<a [^>]*href="\/books\?after=[A-Za-z0-9_-]+"[^>]*>Next<\/a>/);
    // The whole document, then (single fetch) the loader data React streams after it, to the end of the stream.
    expect(html).toContain('</body></html>');
    expect(html).toContain('window.__remixContext.streamController.close()');
    expect(html.trimEnd()).toMatch(/(<\/script>|<!--\/\$-->)$/);
  });
}
