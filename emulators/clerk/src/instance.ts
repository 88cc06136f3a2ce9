import type { ClerkConfig } from './config.js';
import type { InstanceKeys } from './keys.js';
import type { Mailbox } from './mailbox.js';
import type { ResourceContext } from './resources.js';
import type { SessionRecord, Store } from './state.js';
import type { TokenIssuer } from './tokens.js';

/** Everything the API handlers share: config, keys, state and the instance's identity. */
export interface Instance {
  config: ClerkConfig;
  keys: InstanceKeys;
  store: Store;
  /** Every code the local Clerk "sends" (GET /mailbox). */
  mailbox: Mailbox;
  tokens: TokenIssuer;
  secretKey: string;
  publishableKey: string;
  frontendHost: string;
  /** The app origins the stack passes in plus the config's `allowed_redirect_origins`. */
  configuredRedirectOrigins: readonly string[];
  /**
   * Origins a `redirect_url` may point to: the configured ones plus the `allowed_origins` last set through the Backend
   * API's `PATCH /v1/instance` (as on real Clerk).
   */
  redirectOrigins: ReadonlySet<string>;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl: string;
  log: (line: string) => void;
}

export function resourceContext(instance: Instance): ResourceContext {
  return {
    store: instance.store,
    baseUrl: instance.baseUrl,
    sessionToken: (session: SessionRecord) =>
      instance.tokens.sessionToken({
        sessionId: session.id,
        userId: session.userId,
        azp: session.origin,
        factorVerifiedAt: session.factorVerifiedAt,
      }),
  };
}
