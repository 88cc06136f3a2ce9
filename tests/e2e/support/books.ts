import { createHash } from 'node:crypto';

/**
 * Id of the n-th seeded book: the seed uses md5('book-<n>') read as a uuid, so tests can pick a book of their
 * own (a different n per test) and never touch another test's data.
 */
export function seededBookId(n: number): string {
  const hex = createHash('md5').update(`book-${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
