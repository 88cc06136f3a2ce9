/**
 * A role's permissions on one table, normalised: column sets instead of `'*'`, empty filters as `{}`.
 * The `admin` role gets everything. Missing entries mean "not allowed" and hide the matching schema parts.
 */
import type { BoolExp } from '../types.js';
import type { TableModel } from './model.js';

export const ADMIN_ROLE = 'admin';

export interface SelectRule {
  columns: Set<string>;
  filter: BoolExp;
  limit?: number;
  allowAggregations: boolean;
}
export interface InsertRule {
  columns: Set<string>;
  check: BoolExp;
  set: Record<string, unknown>;
}
export interface UpdateRule {
  columns: Set<string>;
  filter: BoolExp;
  check: BoolExp | null;
  set: Record<string, unknown>;
}
export interface DeleteRule {
  filter: BoolExp;
}
export interface TablePermissions {
  select?: SelectRule;
  insert?: InsertRule;
  update?: UpdateRule;
  delete?: DeleteRule;
}

export function tablePermissions(table: TableModel, role: string): TablePermissions {
  const all = new Set(table.columns.keys());
  if (role === ADMIN_ROLE) {
    return {
      select: { columns: all, filter: {}, allowAggregations: true },
      insert: { columns: all, check: {}, set: {} },
      update: { columns: all, filter: {}, check: null, set: {} },
      delete: { filter: {} },
    };
  }
  const columnSet = (columns: string[] | '*') => (columns === '*' ? all : new Set(columns.filter((c) => all.has(c))));
  const find = <P>(list: Array<{ role: string; permission: P }> | undefined) => list?.find((entry) => entry.role === role)?.permission;
  const permissions: TablePermissions = {};
  const select = find(table.meta.select_permissions);
  // A select permission without any column would give an object type without fields: treated as none.
  if (select && columnSet(select.columns).size > 0) {
    permissions.select = {
      columns: columnSet(select.columns),
      filter: select.filter ?? {},
      limit: select.limit ?? undefined,
      allowAggregations: select.allow_aggregations === true,
    };
  }
  const insert = find(table.meta.insert_permissions);
  if (insert) {
    const set = insert.set ?? {};
    // Preset columns are filled by the server and never part of the input type.
    const columns = new Set([...columnSet(insert.columns)].filter((c) => !(c in set)));
    permissions.insert = { columns, check: insert.check ?? {}, set };
  }
  const update = find(table.meta.update_permissions);
  if (update) {
    const set = update.set ?? {};
    const columns = new Set([...columnSet(update.columns)].filter((c) => !(c in set)));
    permissions.update = { columns, filter: update.filter ?? {}, check: update.check ?? null, set };
  }
  const remove = find(table.meta.delete_permissions);
  if (remove) permissions.delete = { filter: remove.filter ?? {} };
  return permissions;
}
