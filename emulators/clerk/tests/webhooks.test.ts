/**
 * Webhooks from the local Clerk, received by a small HTTP server and checked with Clerk's own `verifyWebhook`:
 * Svix headers and signature, Clerk's envelope, an event for every user change through the Backend and Frontend
 * APIs (and for the seeded users at start), the same svix-id on every retry, failures logged with the answer.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@clerk/backend/webhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_RETRY_SCHEDULE_MS, SVIX_RETRY_SCHEDULE_MS } from '../src/webhooks/deliveries.js';
import { ALICE, FrontendClient, startTestClerk, type TestClerk } from './helpers.js';

const SECRET = `whsec_${Buffer.from('webhooks-test-signing-key-32-bytes').toString('base64')}`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** An endpoint that records every delivery and answers with `status(delivery)`. */
class Endpoint {
  received: Received[] = [];
  status: (delivery: Received) => number = () => 204;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const delivery = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(delivery);
        const status = this.status(delivery);
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status >= 300 ? `endpoint says no (${status})` : '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/clerk`;
    return this;
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Waits until a delivery matches (polling), then returns it. */
  async waitFor(
    match: (event: { type: string; data: Record<string, unknown> }) => boolean,
    timeoutMs = 5000,
  ): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find((delivery) => match(JSON.parse(delivery.body)));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(
          `no matching delivery in ${timeoutMs} ms; got ${this.received.map((d) => JSON.parse(d.body).type).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** The delivery as a Request, verified by @clerk/backend's verifyWebhook with `secret`. */
function verify(delivery: Received, secret = SECRET) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(delivery.headers)) if (typeof value === 'string') headers.set(name, value);
  return verifyWebhook(
    new Request('http://app.local/webhooks/clerk', { method: 'POST', headers, body: delivery.body }),
    { signingSecret: secret },
  );
}

const backend = (clerk: TestClerk, method: string, path: string, body?: unknown) =>
  fetch(`${clerk.url}/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${clerk.env.CLERK_SECRET_KEY}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let endpoint: Endpoint;
let clerk: TestClerk;
const logs: string[] = [];

beforeAll(async () => {
  endpoint = await new Endpoint().start();
  clerk = await startTestClerk({
    webhooks: { endpoints: [{ url: endpoint.url, signingSecret: SECRET }], retryScheduleMs: [20, 40, 60] },
    log: (line) => logs.push(line),
  });
});
afterAll(async () => {
  await clerk.stop();
  await endpoint.close();
});
afterEach(() => {
  endpoint.status = () => 204;
});

describe('webhook deliveries', () => {
  it("deliver the seeded users as user.created, signed as Svix does and accepted by Clerk's verifyWebhook", async () => {
    const delivery = await endpoint.waitFor((event) => event.type === 'user.created' && event.data.id === ALICE.id);
    expect(delivery.headers['svix-id']).toMatch(/^msg_[A-Za-z0-9]{27}$/);
    expect(Number(delivery.headers['svix-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(delivery.headers['svix-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(delivery.headers['content-type']).toBe('application/json');

    const event = await verify(delivery);
    expect(event.type).toBe('user.created');
    const envelope = JSON.parse(delivery.body);
    expect(envelope).toMatchObject({
      object: 'event',
      type: 'user.created',
      instance_id: expect.stringMatching(/^ins_/),
    });
    expect(envelope.timestamp).toBeGreaterThan(1_700_000_000_000); // milliseconds
    expect(envelope.data).toMatchObject({
      id: ALICE.id,
      object: 'user',
      first_name: 'Alice',
      image_url: `${clerk.url}/avatars/${ALICE.id}.svg`,
      email_addresses: [{ email_address: ALICE.email }],
      primary_email_address_id: expect.stringMatching(/^idn_/),
      private_metadata: {},
    });
    expect(envelope.data.updated_at).toBeGreaterThan(1_700_000_000_000);
  });

  it('fail verification with another secret or a changed body', async () => {
    const delivery = await endpoint.waitFor((event) => event.type === 'user.created');
    await expect(
      verify(delivery, `whsec_${Buffer.from('some-other-secret-of-32-bytes!!').toString('base64')}`),
    ).rejects.toThrow();
    await expect(
      verify({ ...delivery, body: delivery.body.replace('Alice', 'Mallory').replace('Bob', 'Mallory') }),
    ).rejects.toThrow();
  });

  it("send user.created, user.updated and user.deleted for the Backend API's changes", async () => {
    const created = await backend(clerk, 'POST', '/users', {
      email_address: ['hana@example.com'],
      password: 'hana-password-1',
      first_name: 'Hana',
    });
    const { id } = (await created.json()) as { id: string };
    await verify(await endpoint.waitFor((event) => event.type === 'user.created' && event.data.id === id));

    await backend(clerk, 'PATCH', `/users/${id}`, { first_name: 'Hanna', last_name: 'Berg' });
    const updated = await endpoint.waitFor((event) => event.type === 'user.updated' && event.data.id === id);
    expect((await verify(updated)).data).toMatchObject({ id, first_name: 'Hanna', last_name: 'Berg' });

    await backend(clerk, 'DELETE', `/users/${id}`);
    const deleted = await endpoint.waitFor((event) => event.type === 'user.deleted' && event.data.id === id);
    expect(JSON.parse(deleted.body).data).toEqual({ deleted: true, id, object: 'user' });
    await verify(deleted);
  });

  it('send events for sign-up, profile edits, password changes and deletion through the Frontend API', async () => {
    const browser = await new FrontendClient(clerk.url).init();
    const signUp = await browser.call('POST', '/client/sign_ups', {
      email_address: 'ivo@example.com',
      password: 'ivo-password-1',
      first_name: 'Ivo',
    });
    const signUpId = signUp.body.response.id;
    await browser.call('POST', `/client/sign_ups/${signUpId}/prepare_verification`, { strategy: 'email_code' });
    const done = await browser.call('POST', `/client/sign_ups/${signUpId}/attempt_verification`, {
      strategy: 'email_code',
      code: '424242',
    });
    const id = done.body.response.created_user_id as string;
    const created = await endpoint.waitFor((event) => event.type === 'user.created' && event.data.id === id);
    expect(JSON.parse(created.body).data).toMatchObject({
      first_name: 'Ivo',
      email_addresses: [{ email_address: 'ivo@example.com' }],
    });

    await browser.call('PATCH', '/me', { first_name: 'Iva', last_name: 'Novak' });
    await endpoint.waitFor(
      (event) => event.type === 'user.updated' && event.data.id === id && event.data.first_name === 'Iva',
    );
    const before = endpoint.received.length;
    await browser.call('POST', '/me/change_password', {
      current_password: 'ivo-password-1',
      new_password: 'ivo-password-2',
    });
    const passwordChange = await endpoint.waitFor(
      (event) => event.type === 'user.updated' && event.data.id === id && endpoint.received.length > before,
    );
    expect(JSON.parse(passwordChange.body).data.password_enabled).toBe(true);

    await browser.call('DELETE', '/me');
    await endpoint.waitFor((event) => event.type === 'user.deleted' && event.data.id === id);
  });

  it("retry a failed delivery with the same svix-id and a fresh signature, logging the endpoint's answer", async () => {
    let failuresLeft = 2;
    endpoint.status = (delivery) =>
      JSON.parse(delivery.body).data.first_name === 'Retry' && failuresLeft-- > 0 ? 503 : 204;
    const created = await backend(clerk, 'POST', '/users', {
      email_address: ['retry@example.com'],
      first_name: 'Retry',
    });
    const { id } = (await created.json()) as { id: string };
    const deadline = Date.now() + 5000;
    const attempts = () => endpoint.received.filter((d) => JSON.parse(d.body).data.id === id);
    while (attempts().length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 200)); // no fourth attempt after the success

    const tries = attempts();
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((d) => d.headers['svix-id'])).size).toBe(1);
    expect(new Set(tries.map((d) => d.body)).size).toBe(1);
    for (const attempt of tries) await verify(attempt);
    const svixId = String(tries[0]!.headers['svix-id']);
    const failures = logs.filter((line) => line.includes(svixId) && line.includes('failed'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toContain('HTTP 503 "endpoint says no (503)"');
    expect(failures[0]).toContain('attempt 1/4');
  });

  it('give up after the last attempt and say so', async () => {
    endpoint.status = (delivery) => (JSON.parse(delivery.body).data.first_name === 'Never' ? 400 : 204);
    await backend(clerk, 'POST', '/users', { email_address: ['never@example.com'], first_name: 'Never' });
    const deadline = Date.now() + 5000;
    while (!logs.some((line) => line.includes('giving up')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logs.find((line) => line.includes('giving up'))).toMatch(
      /attempt 4\/4\): HTTP 400 "endpoint says no \(400\)"; giving up/,
    );
  });

  it('log an unreachable endpoint with the cause', async () => {
    const lines: string[] = [];
    const closed = await new Endpoint().start();
    await closed.close();
    const other = await startTestClerk({
      webhooks: { endpoints: [{ url: closed.url, signingSecret: SECRET }], retryScheduleMs: [] },
      log: (line) => lines.push(line),
    });
    try {
      const deadline = Date.now() + 5000;
      while (lines.filter((line) => line.includes('giving up')).length < 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines.find((line) => line.includes('giving up'))).toMatch(/ECONNREFUSED/);
    } finally {
      await other.stop();
    }
  });

  it("follow Svix's schedule, 100 times faster by default", () => {
    expect(SVIX_RETRY_SCHEDULE_MS).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(LOCAL_RETRY_SCHEDULE_MS).toEqual([50, 3_000, 18_000, 72_000, 180_000, 360_000, 360_000]);
  });

  it('refuse a malformed endpoint or secret at start-up', async () => {
    await expect(
      startTestClerk({ webhooks: { endpoints: [{ url: 'ftp://x', signingSecret: SECRET }] } }),
    ).rejects.toThrow(/http\(s\)/);
    await expect(
      startTestClerk({ webhooks: { endpoints: [{ url: endpoint.url, signingSecret: 'not-a-secret' }] } }),
    ).rejects.toThrow(/whsec_/);
  });
});
