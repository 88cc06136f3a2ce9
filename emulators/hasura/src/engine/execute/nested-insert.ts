/**
 * Inserts whose input nests related rows (`author: {data: …}`, `articles: {data: […]}`), run as Hasura does: row by
 * row, object-relationship parents first, then the row, then its array-relationship children, one statement each
 * (inside the mutation's transaction, so every check sees the rows inserted before it). A final statement builds the
 * response over the inserted top-level rows; `affected_rows` counts every inserted row.
 */
import type { Queryable } from '../../types.js';
import { EngineError } from '../errors.js';
import { bound } from '../ir/context.js';
import type { Bound, InsertRow, InsertTarget, RootField } from '../ir/types.js';
import { CompileContext } from '../sql/context.js';
import { compileInsertedOutput, compileInsertRow } from '../sql/mutations.js';
import { rowText } from './result.js';

type Row = Record<string, unknown>;
type InsertField = Extract<RootField, { kind: 'insert' }>;

export const hasNestedInput = (field: InsertField) =>
  field.rows.some((row) => row.parents.length > 0 || row.children.length > 0);

/** The JSON text of the field's response. */
export async function runNestedInsert(queryable: Queryable, field: InsertField): Promise<string> {
  let affected = 0;
  const query = async (build: (ctx: CompileContext) => string): Promise<string> => {
    const ctx = new CompileContext();
    const sql = build(ctx);
    const { rows } = await queryable.query<{ result: string | null }>(sql, ctx.params.values);
    return rowText(rows);
  };

  /** `linked`: values an enclosing row determines (the join columns of an array relationship). */
  const insert = async (
    target: InsertTarget,
    row: InsertRow,
    linked: Array<[string, Bound]> = [],
  ): Promise<Row | null> => {
    const values = [...row.values, ...linked];
    for (const parent of row.parents) {
      const inserted = await insert(parent.target, parent.row);
      if (!inserted) {
        throw new EngineError(
          'not-supported',
          `cannot proceed to insert object relation "${parent.relationship.name}" since insert to table "${parent.relationship.remote.info.name}" affects zero rows`,
          parent.path,
        );
      }
      for (const [local, far] of parent.relationship.mapping)
        values.push([local, bound(inserted[far], target.table.columns.get(local)!.pgType)]);
    }
    const inserted = JSON.parse(await query((ctx) => compileInsertRow(ctx, target, values))) as Row | null;
    if (!inserted) return null;
    affected++;
    for (const child of row.children) {
      const join = child.relationship.mapping.map(([local, far]): [string, Bound] => [
        far,
        bound(inserted[local], child.relationship.remote.columns.get(far)!.pgType),
      ]);
      for (const childRow of child.rows) await insert(child.target, childRow, join);
    }
    return inserted;
  };

  const top: Row[] = [];
  for (const row of field.rows) {
    const inserted = await insert(field.target, row);
    if (inserted) top.push(inserted);
  }
  return query((ctx) => compileInsertedOutput(ctx, field.target.table, top, affected, field.output));
}
