/**
 * The app's server environment, validated once with zod. The Clerk SDK reads its own variables from process.env;
 * they are validated here too so a missing or mixed-up setting fails at start with a message naming it.
 */
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOOPBACK_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
  } catch {
    return false;
  }
}

const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

const EnvSchema = z
  .object({
    CLERK_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_/, 'must start with pk_test_ or pk_live_'),
    CLERK_SECRET_KEY: z.string().regex(/^sk_(test|live)_/, 'must start with sk_test_ or sk_live_'),
    CLERK_API_URL: httpUrl.optional(),
    CLERK_PROXY_URL: httpUrl.optional(),
    CLERK_JS: httpUrl.optional(),
    HASURA_GRAPHQL_ENDPOINT: httpUrl,
    /** Name of the Clerk JWT template whose token Hasura accepts. */
    HASURA_JWT_TEMPLATE: z.string().min(1).default('hasura'),
    /** `off` disables the server-side template-token cache (the bench compares both). */
    HASURA_TOKEN_CACHE: z.enum(['on', 'off']).default('on'),
    /**
     * The app's public origin(s), comma-separated (`https://app.example.com`), that mutating requests must come
     * from. Unset: the origin of the URL the server sees, right unless a proxy changes the scheme or Host.
     */
    APP_ORIGIN: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().refine(isOrigin, 'each entry must be an origin like https://app.example.com (no path)')),
      ),
    /** Clerk dashboard → Webhooks → the endpoint's signing secret; unset → /webhooks/clerk answers 503. */
    CLERK_WEBHOOK_SIGNING_SECRET: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, "must be the endpoint's signing secret, whsec_<base64>")
      .optional(),
    /** Server only: the Clerk webhook writes users as role clerk_webhook with it; unset → /webhooks/clerk answers 503. */
    HASURA_GRAPHQL_ADMIN_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    // A half-local Clerk setup silently talks to real Clerk: the three URLs go together.
    const localClerk = ['CLERK_API_URL', 'CLERK_PROXY_URL', 'CLERK_JS'] as const;
    if (localClerk.some((name) => isLoopbackUrl(env[name]))) {
      for (const name of localClerk) {
        if (!env[name]) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [name],
            message: `is required when any of ${localClerk.join(', ')} points at a local Clerk`,
          });
        }
      }
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses `source`; throws one Error listing every bad or missing variable by name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    return `  - ${name}: ${missing ? 'is not set' : issue.message}`;
  });
  throw new Error(`Invalid environment for the app (see .env.example):\n${problems.join('\n')}`);
}

let cached: Env | undefined;

/** The validated environment, parsed from process.env on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The origins mutating requests must come from (see ~/security/same-origin.server); empty: the request's own. */
export function appOrigins(env: Env): readonly string[] {
  return env.APP_ORIGIN.map((origin) => new URL(origin).origin); // as browsers serialize Origin
}

/** `local` when Clerk and Hasura both point at loopback addresses. Display only: nothing branches on it. */
export function stackMode(env: Env): 'local' | 'real' {
  return isLoopbackUrl(env.CLERK_API_URL) && isLoopbackUrl(env.HASURA_GRAPHQL_ENDPOINT) ? 'local' : 'real';
}

/** The only values handed to the browser. Nothing secret: no secret key, no admin secret. */
export function getPublicEnv() {
  const env = getEnv();
  return {
    HASURA_GRAPHQL_ENDPOINT: env.HASURA_GRAPHQL_ENDPOINT,
    HASURA_JWT_TEMPLATE: env.HASURA_JWT_TEMPLATE,
  };
}

export type PublicEnv = ReturnType<typeof getPublicEnv>;
