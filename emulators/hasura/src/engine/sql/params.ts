/**
 * Bound parameters and identifier quoting. Every value reaches Postgres as text in a `$n` parameter and is cast
 * in SQL (`$1::text::"int4"`), so pg and PGlite serialise it the same way and nothing is ever spliced in.
 */
import type { Bound } from '../ir/types.js';

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const table = (schema: string, name: string) => `${ident(schema)}.${ident(name)}`;

export class Params {
  readonly values: Array<string | null> = [];

  /** A bound value, cast to its type. */
  bind(value: Bound): string {
    return this.text(value.text, value.pgType);
  }

  /** Text Postgres parses as `pgType`. */
  text(text: string | null, pgType = 'text'): string {
    this.values.push(text);
    return pgType === 'text' ? `$${this.values.length}::text` : `$${this.values.length}::text::${ident(pgType)}`;
  }
}
