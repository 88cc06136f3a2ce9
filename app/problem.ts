/**
 * The one body every error answer of the app carries (thrown by loaders and actions, shown by
 * ~/components/GeneralErrorBoundary): what went wrong, and for a failing service which one and how to fix it.
 * Shared by the server (~/problem.server builds the responses) and the browser (the boundary reads them).
 */
export type ServiceName = 'Clerk' | 'Hasura';

export interface Problem {
  /** What went wrong, in a sentence a visitor can read, e.g. "There is no book with this id." */
  problem: string;
  /** The service at fault: set for 503 (not reachable) and 502 (it refused) answers. */
  service?: ServiceName;
  /** How to get the service running or configured. */
  remedy?: string;
}

export function isProblem(data: unknown): data is Problem {
  if (typeof data !== 'object' || data === null) return false;
  const { problem, service, remedy } = data as Record<string, unknown>;
  return (
    typeof problem === 'string' &&
    (service === undefined || service === 'Clerk' || service === 'Hasura') &&
    (remedy === undefined || typeof remedy === 'string')
  );
}
