/**
 * Inserts whose input nests related rows (`author: {data: …}`, `articles: {data: […]}`), run as Hasura does: row by
 * row, object-relationship parents first, then the row, then its array-relationship children, one statement
 * each (inside the mutation's transaction, so every check sees the rows inserted before it). A final statement
 * builds the response over the inserted top-level rows; `affected_rows` counts every inserted row.
 */
import type { Queryable } from '../../types.js';
import { EngineError } from '../errors.js';
import { fieldOf, type TableModel } from '../model.js';
import type { SelectedField } from '../selection.js';
import type { CompileContext } from './context.js';
import { compileInsertedOutput, compileInsertRow, type OnConflict } from './mutations.js';
import { rowResult } from './result.js';

type Row = Record<string, unknown>;
interface RelationshipInput {
  data: Row | Row[];
  on_conflict?: OnConflict | null;
}

const quoteList = (columns: string[]) => columns.map((c) => `"${c}"`).join(', ');

export function hasNestedInput(table: TableModel, rows: Row[]): boolean {
  return rows.some((row) => table.relationships.some((rel) => row[rel.name] != null));
}

export async function runNestedInsert(
  queryable: Queryable,
  newContext: () => CompileContext,
  table: TableModel,
  rows: Row[],
  onConflict: OnConflict | null | undefined,
  fields: SelectedField[],
  single: boolean,
  path: string,
): Promise<unknown> {
  let affected = 0;
  const query = async (build: (ctx: CompileContext) => string): Promise<unknown> => {
    const ctx = newContext();
    const sql = build(ctx);
    const { rows: result } = await queryable.query<{ result: string | null }>(sql, ctx.params.values);
    return rowResult(result);
  };

  /** `determinedByParent`: columns of `target` an enclosing array relationship fills in. */
  const insert = async (
    target: TableModel,
    input: Row,
    conflict: OnConflict | null | undefined,
    at: string,
    determinedByParent = new Set<string>(),
  ): Promise<Row | null> => {
    // Input rows are keyed by GraphQL field names; inserted rows come back keyed by column names.
    const own: Row = Object.fromEntries(Object.entries(input).filter(([key]) => target.columnsByField.has(key)));
    for (const rel of target.relationships) {
      if (rel.kind !== 'object' || input[rel.name] == null) continue;
      // The object relationship determines its local columns: the row may not set them too (Hasura's check).
      const determined = rel.mapping
        .map(([local]) => local)
        .filter((local) => fieldOf(target, local) in input || determinedByParent.has(local));
      if (determined.length) {
        throw new EngineError(
          'validation-failed',
          `cannot insert object relationship "${rel.name}" as ${quoteList(determined)} column values are already determined`,
          `${at}.${rel.name}`,
        );
      }
      const nested = input[rel.name] as RelationshipInput;
      const parent = await insert(rel.remote, nested.data as Row, nested.on_conflict, `${at}.${rel.name}.data`);
      if (!parent) {
        throw new EngineError(
          'not-supported',
          `cannot proceed to insert object relation "${rel.name}" since insert to table "${rel.remote.info.name}" affects zero rows`,
          `${at}.${rel.name}`,
        );
      }
      for (const [local, far] of rel.mapping) own[fieldOf(target, local)] = parent[far];
    }
    const inserted = (await query((ctx) => compileInsertRow(ctx, target, own, conflict, at))) as Row | null;
    if (!inserted) return null;
    affected++;
    for (const rel of target.relationships) {
      if (rel.kind !== 'array' || input[rel.name] == null) continue;
      const nested = input[rel.name] as RelationshipInput;
      for (const [i, child] of (nested.data as Row[]).entries()) {
        const childAt = `${at}.${rel.name}.data[${i}]`;
        // The parent determines the child's join columns: the child may not set them (Hasura's check).
        const fromParent = rel.mapping.map(([, far]) => far);
        const conflicts = fromParent.filter((far) => fieldOf(rel.remote, far) in child);
        if (conflicts.length) {
          throw new EngineError(
            'validation-failed',
            `cannot insert ${quoteList(conflicts)} columns as their values are already being determined by parent insert`,
            childAt,
          );
        }
        const linked: Row = { ...child };
        for (const [local, far] of rel.mapping) linked[fieldOf(rel.remote, far)] = inserted[local];
        await insert(rel.remote, linked, nested.on_conflict, childAt, new Set(fromParent));
      }
    }
    return inserted;
  };

  const top: Row[] = [];
  for (const [i, row] of rows.entries()) {
    const inserted = await insert(
      table,
      row,
      onConflict,
      single ? `${path}.args.object` : `${path}.args.objects[${i}]`,
    );
    if (inserted) top.push(inserted);
  }
  return query((ctx) => compileInsertedOutput(ctx, table, top, affected, fields, single, path));
}
