/**
 * Clerk JWT-template shortcode rendering (pure). A string that is exactly one `{{…}}` keeps the value's JSON type;
 * shortcodes inside a longer string are interpolated as text; `{{a || b || 'literal'}}` takes the first present value.
 */

export interface TemplateUser {
  id: string;
  external_id: string | null;
  first_name: string | null;
  last_name: string | null;
  username: string | null;
  primary_email_address: string | null;
  primary_phone_number: string | null;
  email_verified: boolean;
  phone_number_verified: boolean;
  image_url: string;
  has_image: boolean;
  /** Unix seconds. */
  created_at: number;
  /** Unix seconds. */
  updated_at: number;
  two_factor_enabled: boolean;
  public_metadata: Record<string, unknown>;
  unsafe_metadata: Record<string, unknown>;
}

export interface TemplateOrg {
  id: string;
  name: string;
  role: string;
  slug: string | null;
  image_url: string;
  public_metadata: Record<string, unknown>;
}

export interface TemplateContext {
  user: TemplateUser;
  /** The active organization; always null here since organizations are not emulated. */
  org: TemplateOrg | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const USER_FIELDS = new Set([
  'id',
  'external_id',
  'first_name',
  'last_name',
  'full_name',
  'username',
  'primary_email_address',
  'primary_phone_number',
  'email_verified',
  'phone_number_verified',
  'image_url',
  'has_image',
  'created_at',
  'updated_at',
  'two_factor_enabled',
  'public_metadata',
  'unsafe_metadata',
]);
const ORG_FIELDS = new Set(['id', 'name', 'role', 'slug', 'image_url', 'public_metadata']);
const METADATA_FIELDS = new Set(['public_metadata', 'unsafe_metadata']);

const SHORTCODE = /\{\{(.*?)\}\}/g;
const WHOLE_SHORTCODE = /^\{\{(.*?)\}\}$/;
const QUOTED = /^(['"])(.*)\1$/;

/** Throws if a shortcode path is not one Clerk supports (checked when the config is loaded). */
function assertKnownPath(path: string): void {
  const [root, field, ...rest] = path.split('.');
  const fields = root === 'user' ? USER_FIELDS : root === 'org' ? ORG_FIELDS : null;
  if (!fields || !field || !fields.has(field) || (rest.length > 0 && !METADATA_FIELDS.has(field))) {
    throw new Error(`unknown shortcode {{${path}}}`);
  }
}

function operands(expression: string): string[] {
  return expression.split('||').map((part) => part.trim());
}

/** Lists every problem with the shortcodes of a claims object (empty when valid). */
export function shortcodeProblems(claims: unknown): string[] {
  const problems: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(SHORTCODE)) {
        for (const operand of operands(match[1])) {
          if (QUOTED.test(operand)) continue;
          try {
            assertKnownPath(operand);
          } catch (error) {
            problems.push((error as Error).message);
          }
        }
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(claims);
  return problems;
}

function lookup(path: string, context: TemplateContext): Json | undefined {
  const [root, field, ...rest] = path.split('.');
  if (root === 'user') {
    const user = context.user;
    let value: unknown =
      field === 'full_name'
        ? [user.first_name, user.last_name].filter(Boolean).join(' ') || null
        : (user as unknown as Record<string, unknown>)[field];
    for (const key of rest)
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value as Json | undefined;
  }
  if (root === 'org') {
    if (!context.org) return null;
    let value: unknown = (context.org as unknown as Record<string, unknown>)[field];
    for (const key of rest)
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value as Json | undefined;
  }
  return undefined;
}

function isPresent(value: Json | undefined): value is Json {
  return value !== undefined && value !== null && value !== '';
}

/** Evaluates one `{{…}}` body: the first present operand, else null. */
function evaluate(expression: string, context: TemplateContext): Json {
  for (const operand of operands(expression)) {
    const quoted = QUOTED.exec(operand);
    const value = quoted ? quoted[2] : lookup(operand, context);
    if (isPresent(value)) return value;
  }
  return null;
}

function asText(value: Json): string {
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function renderValue(value: unknown, context: TemplateContext): Json {
  if (typeof value === 'string') {
    const whole = WHOLE_SHORTCODE.exec(value);
    if (whole && !whole[1].includes('}}')) return evaluate(whole[1], context);
    return value.replace(SHORTCODE, (_, expression: string) => asText(evaluate(expression, context)));
  }
  if (Array.isArray(value)) return value.map((item) => renderValue(item, context));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, context)]));
  }
  return value as Json;
}

/** Renders a template's claims for a user; keys are kept, values have their shortcodes resolved. */
export function renderClaims(claims: Record<string, unknown>, context: TemplateContext): Record<string, Json> {
  return renderValue(claims, context) as Record<string, Json>;
}
