/**
 * Error answers with the ~/problem body, for loaders and actions to throw (or return). Used by the Clerk and the
 * Hasura modules alike, so neither depends on the other for them. Plain web `Response`s: a thrown one reaches the
 * error boundary as a route error response under single fetch (and in React Router v7) as before.
 */
import type { Problem, ServiceName } from '~/problem';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function problemResponse(status: number, body: Problem, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

/** 400: the request itself is malformed (a broken page link, say). */
export const badRequest = (problem: string) => problemResponse(400, { problem });

/** 404: what the URL or form names does not exist (or is not the visitor's). */
export const notFound = (problem: string) => problemResponse(404, { problem });

/** 503: a service the app needs does not answer. */
export const serviceUnavailable = (service: ServiceName, problem: string, remedy: string) =>
  problemResponse(503, { service, problem, remedy });

/** 502: a service answered, but refused or failed the request. */
export const upstreamError = (service: ServiceName, problem: string, remedy?: string) =>
  problemResponse(502, { service, problem, ...(remedy ? { remedy } : {}) });
