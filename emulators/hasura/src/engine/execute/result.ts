/** What a compiled statement answers: one row whose `result` column is the field's JSON text. */
import { EngineError } from '../errors.js';

/** The JSON text of the one `result` row a statement must answer; none is an error in Hasura's shape, never null. */
export function rowText(rows: Array<{ result: string | null }>): string {
  if (rows.length === 0) throw new EngineError('unexpected', 'database query error');
  return rows[0].result ?? 'null';
}

export const rowResult = (rows: Array<{ result: string | null }>): unknown => JSON.parse(rowText(rows));
