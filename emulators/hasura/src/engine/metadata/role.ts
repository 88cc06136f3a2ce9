/**
 * A role's permissions on one table for one request, from the metadata normalised at load
 * (`./metadata/permissions.ts`). The `admin` role gets everything. `backend_only` insert/update/delete permissions
 * count only for requests that may use them (admin secret + `x-hasura-use-backend-only-permissions: true`).
 * Missing entries mean "not allowed" and hide the matching schema parts.
 */
import type { TableModel } from './model.js';
import type { TablePermissions } from './permissions.js';

export type { DeleteRule, InsertRule, SelectRule, TablePermissions, UpdateRule } from './permissions.js';

export const ADMIN_ROLE = 'admin';

export function tablePermissions(table: TableModel, role: string, backendOnly = false): TablePermissions {
  if (role === ADMIN_ROLE) {
    const all = new Set(table.columns.keys());
    return {
      select: { columns: all, filter: {}, allowAggregations: true },
      insert: { columns: all, check: {}, set: {}, backendOnly: false },
      update: { columns: all, filter: {}, check: null, set: {}, backendOnly: false },
      delete: { filter: {}, backendOnly: false },
    };
  }
  const rules = table.permissions.get(role);
  if (!rules) return {};
  const permissions: TablePermissions = {};
  // A select permission without any column would give an object type without fields: treated as none.
  if (rules.select && rules.select.columns.size > 0) permissions.select = rules.select;
  if (rules.insert && (backendOnly || !rules.insert.backendOnly)) permissions.insert = rules.insert;
  if (rules.update && (backendOnly || !rules.update.backendOnly)) permissions.update = rules.update;
  if (rules.delete && (backendOnly || !rules.delete.backendOnly)) permissions.delete = rules.delete;
  return permissions;
}
