import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startClerk, type RunningClerk, type StartClerkOptions } from '../src/index.js';

export const ALICE = {
  email: 'alice@example.com',
  password: 'local-dev-password',
  id: 'user_2LocalAliceAAAAAAAAAAAAAAAA',
};
export const APP_ORIGIN = 'http://app.localhost:3999';

export interface TestClerk extends RunningClerk {
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the emulator on an ephemeral port with its own data dir, silently. */
export async function startTestClerk(options: StartClerkOptions = {}): Promise<TestClerk> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clerk-emulator-'));
  const clerk = await startClerk({ port: 0, dataDir, log: () => {}, appOrigins: [APP_ORIGIN], ...options });
  return {
    ...clerk,
    dataDir,
    async stop() {
      await clerk.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What clerk-js does on the wire, step by step: a dev browser and form-encoded Frontend API calls. */
export class FrontendClient {
  devBrowser = '';

  constructor(
    private readonly baseUrl: string,
    private readonly origin = APP_ORIGIN,
  ) {}

  async init(): Promise<this> {
    const res = await fetch(`${this.baseUrl}/v1/dev_browser`, { method: 'POST', headers: { Origin: this.origin } });
    this.devBrowser = ((await res.json()) as { id: string }).id;
    return this;
  }

  /** PATCH/DELETE go out as POST with `_method`, as clerk-js sends them. */
  async call(method: string, path: string, form: Record<string, string> = {}) {
    const url = new URL(`${this.baseUrl}/v1${path}`);
    url.searchParams.set('__clerk_api_version', '2025-11-10');
    url.searchParams.set('_clerk_js_version', '5.128.0');
    if (this.devBrowser) url.searchParams.set('__clerk_db_jwt', this.devBrowser);
    if (method !== 'GET' && method !== 'POST') url.searchParams.set('_method', method);
    const res = await fetch(url, {
      method: method === 'GET' ? 'GET' : 'POST',
      headers: { Origin: this.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: method === 'GET' ? undefined : new URLSearchParams(form).toString(),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body = (await res.json()) as any;
    return { status: res.status, headers: res.headers, body };
  }

  /** Password sign-in in one call; returns the new session id. */
  async signIn(email: string, password: string): Promise<string> {
    const { status, body } = await this.call('POST', '/client/sign_ins', {
      identifier: email,
      password,
      strategy: 'password',
    });
    if (status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
    return body.response.created_session_id;
  }
}
