/**
 * A table's permissions as written in metadata, read the way Hasura's metadata parser reads them and turned into
 * one shape per role: column sets instead of `'*'` (an insert permission without `columns` allows every column),
 * boolean expressions normalised (`./bool-exp.ts`), presets checked against the table, `backend_only` kept.
 * A permission Hasura would refuse is reported as an inconsistent object and left out; the table, its other
 * permissions and other roles are unaffected.
 */
import type { BoolExp, InconsistentObject } from '../../types.js';
import type { InsertRule, Model, SelectRule, TablePermissions, TableModel, UpdateRule } from './types.js';

export type { DeleteRule, InsertRule, SelectRule, TablePermissions, UpdateRule } from './types.js';
import { Inconsistency, normaliseBoolExp } from './bool-exp.js';

type Kind = keyof TablePermissions;
const KINDS: Kind[] = ['select', 'insert', 'update', 'delete'];

type Fields = Record<string, unknown>;

/** Every role's permissions on `table`; inconsistent permissions are pushed to `inconsistencies` and left out. */
export function normalisePermissions(
  model: Model,
  table: TableModel,
  inconsistencies: InconsistentObject[],
): Map<string, TablePermissions> {
  const byRole = new Map<string, TablePermissions>();
  const tableName = `${table.info.schema}.${table.info.name}`;
  for (const kind of KINDS) {
    const entries = (table.meta as unknown as Record<string, unknown>)[`${kind}_permissions`];
    if (entries == null) continue;
    if (!Array.isArray(entries)) {
      inconsistencies.push({
        type: `${kind}_permission`,
        name: tableName,
        reason: `${kind}_permissions must be a list`,
      });
      continue;
    }
    for (const entry of entries as Array<{ role?: unknown; permission?: unknown } | null>) {
      const role = entry?.role;
      const name = `${tableName}.${typeof role === 'string' ? role : '?'}`;
      const report = (reason: string) => inconsistencies.push({ type: `${kind}_permission`, name, reason });
      if (typeof role !== 'string' || role === '') {
        report('key "role" not found');
        continue;
      }
      if (role === 'admin') {
        report('permissions for the role "admin" cannot be defined');
        continue;
      }
      const rules = byRole.get(role) ?? {};
      if (rules[kind]) {
        report(`duplicate ${kind} permission for role "${role}"`);
        continue;
      }
      const permission = entry?.permission;
      if (permission === null || typeof permission !== 'object' || Array.isArray(permission)) {
        report('key "permission" not found');
        continue;
      }
      try {
        const p = permission as Fields;
        if (kind === 'select') rules.select = selectRule(model, table, p);
        else if (kind === 'insert') rules.insert = insertRule(model, table, p);
        else if (kind === 'update') rules.update = updateRule(model, table, p);
        else rules.delete = { filter: boolExp(model, table, p, 'filter'), backendOnly: flag(p, 'backend_only') };
        byRole.set(role, rules);
      } catch (error) {
        if (!(error instanceof Inconsistency)) throw error;
        report(error.message);
      }
    }
  }
  return byRole;
}

function selectRule(model: Model, table: TableModel, p: Fields): SelectRule {
  const limit = p.limit;
  // Hasura reads it as a 64-bit Int (larger numbers fail to parse); it is written into the SQL as digits.
  if (limit != null && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit >= 2 ** 63)) {
    throw new Inconsistency('limit: expecting a non-negative 64-bit integer');
  }
  return {
    columns: columnSet(table, p),
    filter: boolExp(model, table, p, 'filter'),
    limit: limit ?? undefined,
    allowAggregations: flag(p, 'allow_aggregations'),
  };
}

function insertRule(model: Model, table: TableModel, p: Fields): InsertRule {
  const set = presets(table, p);
  // Hasura: an insert permission without `columns` allows every column.
  const columns = 'columns' in p ? columnSet(table, p) : new Set(table.columns.keys());
  return {
    columns: withoutPresets(columns, set),
    check: boolExp(model, table, p, 'check'),
    set,
    backendOnly: flag(p, 'backend_only'),
  };
}

function updateRule(model: Model, table: TableModel, p: Fields): UpdateRule {
  const set = presets(table, p);
  return {
    columns: withoutPresets(columnSet(table, p), set),
    filter: boolExp(model, table, p, 'filter'),
    check: p.check == null ? null : boolExp(model, table, p, 'check'),
    set,
    backendOnly: flag(p, 'backend_only'),
  };
}

function columnSet(table: TableModel, p: Fields): Set<string> {
  if (!('columns' in p)) throw new Inconsistency('key "columns" not found');
  const columns = p.columns;
  if (columns === '*') return new Set(table.columns.keys());
  if (!Array.isArray(columns)) throw new Inconsistency('columns: expecting "*" or a list of column names');
  for (const column of columns) {
    if (typeof column !== 'string' || !table.columns.has(column)) {
      throw new Inconsistency(
        `columns: no column ${JSON.stringify(column)} in table "${table.info.schema}.${table.info.name}"`,
      );
    }
  }
  return new Set(columns as string[]);
}

function boolExp(model: Model, table: TableModel, p: Fields, key: 'filter' | 'check'): BoolExp {
  if (!(key in p)) throw new Inconsistency(`key "${key}" not found`);
  return normaliseBoolExp(model, table, p[key], key);
}

/** Column presets (`set`): literals, or session variables bound per request. */
function presets(table: TableModel, p: Fields): Record<string, unknown> {
  const set = p.set ?? {};
  if (typeof set !== 'object' || Array.isArray(set) || set === null)
    throw new Inconsistency('set: expecting an object of column values');
  for (const column of Object.keys(set)) {
    if (!table.columns.has(column))
      throw new Inconsistency(`set: no column "${column}" in table "${table.info.schema}.${table.info.name}"`);
  }
  return set as Record<string, unknown>;
}

/** Preset columns are filled by the server and never part of the client's input. */
const withoutPresets = (columns: Set<string>, set: Record<string, unknown>) =>
  new Set([...columns].filter((c) => !(c in set)));

function flag(p: Fields, key: string): boolean {
  const value = p[key];
  if (value != null && typeof value !== 'boolean') throw new Inconsistency(`${key}: expecting a boolean`);
  return value === true;
}
