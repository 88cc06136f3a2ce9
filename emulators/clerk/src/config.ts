import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { normalizeOrigin } from './redirects.js';
import { shortcodeProblems } from './templates.js';

const userSchema = z
  .object({
    id: z
      .string()
      .regex(/^user_[A-Za-z0-9]+$/, 'must look like a Clerk user id, e.g. "user_2LocalAlice…"')
      .optional(),
    email: z.string().email(),
    password: z.string().min(8, "must be at least 8 characters (Clerk's minimum)"),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
    public_metadata: z.record(z.unknown()).optional(),
    unsafe_metadata: z.record(z.unknown()).optional(),
  })
  .strict();

const signingKeySchema = z
  .object({ algorithm: z.enum(['HS256', 'RS256']), key: z.string().min(1) })
  .strict()
  .superRefine((value, ctx) => {
    if (value.algorithm === 'RS256' && !value.key.includes('-----BEGIN')) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'an RS256 key must be a PEM private key', path: ['key'] });
    }
    if (value.algorithm === 'HS256' && value.key.length < 32) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'an HS256 key must be at least 32 characters',
        path: ['key'],
      });
    }
  });

const templateSchema = z
  .object({
    claims: z.record(z.unknown()).superRefine((claims, ctx) => {
      for (const message of shortcodeProblems(claims)) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    }),
    lifetime: z.number().int().min(30).max(315_360_000).default(60),
    allowed_clock_skew: z.number().int().min(0).max(300).default(5),
    signing_key: signingKeySchema.optional(),
  })
  .strict();

/** An origin (`http://host:port`) the browser may be redirected to, besides the app origins the stack passes in. */
const originSchema = z.string().transform((value, ctx) => {
  try {
    return normalizeOrigin(value);
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
    return z.NEVER;
  }
});
const webhookEndpointSchema = z
  .object({
    url: z
      .string()
      .url()
      .regex(/^https?:\/\//, 'must be an http(s) URL'),
    signing_secret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must look like whsec_<base64>'),
    events: z.array(z.enum(['user.created', 'user.updated', 'user.deleted'])).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    users: z.array(userSchema).default([]),
    allowed_redirect_origins: z.array(originSchema).default([]),
    /** Clerk dashboard → Webhooks: where events go (more can come from the env, see main.ts). */
    webhook_endpoints: z.array(webhookEndpointSchema).default([]),
    /** Clerk's dashboard "Sessions" settings: maximum lifetime (default 7 days) and inactivity timeout (default off). */
    session: z
      .object({
        lifetime_seconds: z.number().int().min(300).max(315_360_000).default(604_800),
        inactivity_timeout_seconds: z.number().int().min(60).max(315_360_000).nullable().default(null),
      })
      .strict()
      .default({}),
    jwt_templates: z
      .record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'template names use letters, digits, - and _'), templateSchema)
      .default({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.users.forEach((user, index) => {
      const email = user.email.toLowerCase();
      if (seen.has(email)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `duplicate email ${user.email}`,
          path: ['users', index, 'email'],
        });
      }
      seen.add(email);
    });
  });

export type ClerkConfig = z.infer<typeof configSchema>;
export type ConfigUser = ClerkConfig['users'][number];
export type JwtTemplate = ClerkConfig['jwt_templates'][string];

/** Validates a parsed config object; throws one readable message listing every problem. */
export function parseConfig(raw: unknown, source = 'config'): ClerkConfig {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid Clerk emulator config (${source}):\n${problems.join('\n')}`);
  }
  return result.data;
}

export function loadConfig(path: string): ClerkConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read Clerk emulator config ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`Clerk emulator config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, path);
}
