/**
 * Bound parameters and identifier quoting. Every value reaches Postgres as text in a `$n` parameter and is cast
 * in SQL (`$1::text::"int4"`), so pg and PGlite serialise it the same way and nothing is ever spliced in.
 */
import { isJsonType } from '../scalars.js';

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const table = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

export class Params {
  readonly values: Array<string | null> = [];

  /** A client value of a column's type. */
  value(value: unknown, pgType: string): string {
    return this.text(toText(value, pgType), pgType);
  }

  /** Text Postgres parses as `pgType` (session variables, which are always text). */
  text(text: string | null, pgType = 'text'): string {
    this.values.push(text);
    return pgType === 'text' ? `$${this.values.length}::text` : `$${this.values.length}::text::${ident(pgType)}`;
  }
}

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
