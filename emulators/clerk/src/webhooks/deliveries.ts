import { Webhook } from 'standardwebhooks';
import { newId } from '../ids.js';

/**
 * Delivers webhook messages the way Svix does for Clerk: POST of the JSON body with `svix-id` (the message id, the
 * same on every retry), `svix-timestamp` (seconds, of this attempt) and `svix-signature` (`v1,<base64 HMAC-SHA256
 * of "id.timestamp.body">` keyed with the endpoint's `whsec_` secret). A non-2xx answer, a network error or no
 * answer within the timeout is retried on Svix's schedule (compressed by default); every failure is logged with the
 * endpoint's answer.
 */

export interface WebhookEndpoint {
  url: string;
  /** `whsec_<base64 key>`, as the Clerk dashboard shows it. */
  signingSecret: string;
  /** Event types to send (e.g. `user.created`); omitted or empty → all. */
  events?: string[];
}

/** Svix waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h between attempts (8 in all). */
export const SVIX_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
/** Locally the same shape 100 times faster: 50 ms, 3 s, 18 s, 72 s, 3 min, 6 min, 6 min (about 16 minutes). */
export const LOCAL_RETRY_SCHEDULE_MS = SVIX_RETRY_SCHEDULE_MS.map((ms) => ms / 100);
/** Svix gives an endpoint 15 s to answer. */
export const SVIX_TIMEOUT_MS = 15_000;

export interface WebhookDeliveryOptions {
  endpoints: WebhookEndpoint[];
  /** Delays between attempts; default LOCAL_RETRY_SCHEDULE_MS. Its length + 1 = attempts per message. */
  retryScheduleMs?: number[];
  timeoutMs?: number;
  log: (line: string) => void;
}

type SigningEndpoint = WebhookEndpoint & { signer: Webhook };

export class WebhookDeliveries {
  private readonly endpoints: SigningEndpoint[];
  private readonly schedule: number[];
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(options: WebhookDeliveryOptions) {
    this.endpoints = options.endpoints.map((endpoint) => {
      if (!/^https?:\/\//.test(endpoint.url))
        throw new Error(`webhook endpoint URL must be http(s): "${endpoint.url}"`);
      if (!/^whsec_[A-Za-z0-9+/=]{16,}$/.test(endpoint.signingSecret)) {
        throw new Error(`webhook signing secret for ${endpoint.url} must look like whsec_<base64>`);
      }
      return { ...endpoint, signer: new Webhook(endpoint.signingSecret) };
    });
    this.schedule = options.retryScheduleMs ?? LOCAL_RETRY_SCHEDULE_MS;
    this.timeoutMs = options.timeoutMs ?? SVIX_TIMEOUT_MS;
    this.log = options.log;
  }

  get enabled(): boolean {
    return this.endpoints.length > 0;
  }

  get endpointUrls(): string[] {
    return this.endpoints.map((endpoint) => endpoint.url);
  }

  /** Queues one message (an event of `type`) to every endpoint subscribed to it; returns its svix-id. */
  send(type: string, payload: unknown): string {
    const messageId = newId('msg');
    const body = JSON.stringify(payload);
    for (const endpoint of this.endpoints) {
      if (endpoint.events?.length && !endpoint.events.includes(type)) continue;
      void this.attempt(endpoint, messageId, type, body, 1);
    }
    return messageId;
  }

  /** Stops: pending retries are dropped, requests in flight aborted. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
  }

  private async attempt(
    endpoint: SigningEndpoint,
    messageId: string,
    type: string,
    body: string,
    attempt: number,
  ): Promise<void> {
    if (this.closed) return;
    const timestamp = new Date();
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error(`no answer within ${this.timeoutMs} ms`)),
      this.timeoutMs,
    );
    this.inFlight.add(controller);
    let failure: string;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Svix-Webhooks/1.0 (local Clerk)',
          'svix-id': messageId,
          'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'svix-signature': endpoint.signer.sign(messageId, timestamp, body),
        },
        body,
        signal: controller.signal,
      });
      const answer = (await response.text()).slice(0, 300);
      if (response.ok) {
        this.log(`webhook ${type} ${messageId} → ${endpoint.url}: ${response.status} (attempt ${attempt})`);
        return;
      }
      failure = `HTTP ${response.status} ${JSON.stringify(answer)}`;
    } catch (error) {
      if (this.closed) return;
      const cause = (error as Error & { cause?: Error }).cause;
      failure = controller.signal.aborted
        ? String((controller.signal.reason as Error).message)
        : `${(error as Error).message}${cause ? ` (${cause.message})` : ''}`;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    const delay = this.schedule[attempt - 1];
    const total = this.schedule.length + 1;
    if (delay === undefined || this.closed) {
      this.log(
        `webhook ${type} ${messageId} → ${endpoint.url} failed (attempt ${attempt}/${total}): ${failure}; giving up`,
      );
      return;
    }
    this.log(
      `webhook ${type} ${messageId} → ${endpoint.url} failed (attempt ${attempt}/${total}): ${failure}; retrying in ${formatDelay(delay)}`,
    );
    const retry = setTimeout(() => {
      this.timers.delete(retry);
      void this.attempt(endpoint, messageId, type, body, attempt + 1);
    }, delay);
    retry.unref();
    this.timers.add(retry);
  }
}

function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}
