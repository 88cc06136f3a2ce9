/** Shelf entry statuses and their labels (shared by the models, the forms and the pages). */
export const SHELF_STATUSES = ['want_to_read', 'reading', 'read'] as const;
export type ShelfStatus = (typeof SHELF_STATUSES)[number];

export const STATUS_LABELS: Record<ShelfStatus, string> = {
  want_to_read: 'Want to read',
  reading: 'Reading',
  read: 'Read',
};

export function isShelfStatus(value: unknown): value is ShelfStatus {
  return typeof value === 'string' && (SHELF_STATUSES as readonly string[]).includes(value);
}

/** The label of a status as stored (the column is text with a check constraint); an unknown one shows as is. */
export function statusLabel(status: string): string {
  return isShelfStatus(status) ? STATUS_LABELS[status] : status;
}
