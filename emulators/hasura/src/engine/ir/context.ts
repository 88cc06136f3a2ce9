/** What the IR builders share for one request: the role's permissions, the session and the request's variables. */
import type { Session } from '../../types.js';
import { EngineError } from '../errors.js';
import type { Model, TableModel } from '../metadata/model.js';
import type { TablePermissions } from '../metadata/role.js';
import type { SelectionScope } from '../request/selection.js';
import { isJsonType } from '../scalars.js';
import type { Bound } from './types.js';

export interface IRContext extends SelectionScope {
  model: Model;
  /** The role's permissions on a table (for this request's `backend_only` access). */
  permissions(table: TableModel): TablePermissions;
  session: Session;
  stringifyNumeric: boolean;
}

const SESSION_VARIABLE = /^x-hasura-/i;

export const isSessionVariable = (value: unknown): value is string =>
  typeof value === 'string' && SESSION_VARIABLE.test(value);

/** A session variable's value; a permission naming a variable the session lacks is a request error. */
export function sessionValue(ctx: IRContext, name: string): string {
  const value = ctx.session.variables[name.toLowerCase()];
  if (value === undefined) throw new EngineError('not-found', `missing session variable: "${name.toLowerCase()}"`);
  return value;
}

/** A client value of a Postgres type, bound as text. */
export const bound = (value: unknown, pgType: string): Bound => ({ text: toText(value, pgType), pgType });

/** A value written in metadata: a session variable by name (its text), or a literal. */
export const metadataValue = (ctx: IRContext, value: unknown, pgType: string): Bound =>
  isSessionVariable(value) ? { text: sessionValue(ctx, value), pgType } : bound(value, pgType);

function toText(value: unknown, pgType: string): string | null {
  if (value === null || value === undefined) return null;
  if (isJsonType(pgType)) return JSON.stringify(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A Postgres array literal, `{"a","b"}`, for array-typed columns given as JSON lists. */
function arrayLiteral(values: unknown[]): string {
  const items = values.map((item) => {
    if (item === null) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = typeof item === 'object' ? JSON.stringify(item) : String(item);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
