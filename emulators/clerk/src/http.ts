import type { IncomingMessage, ServerResponse } from 'node:http';
import { ClerkApiError, errors } from './errors.js';

/** Routing, body parsing, CORS and replies shared by the Frontend and Backend APIs. */

export interface RequestContext {
  url: URL;
  params: Record<string, string>;
  /** Form (`application/x-www-form-urlencoded`) or JSON body; {} when empty or of another type. */
  body: Record<string, unknown>;
  /** The body as sent, for the types `body` does not parse (multipart uploads, octet streams). */
  rawBody: Buffer;
  /** The request's media type, lower-cased, without parameters. */
  contentType: string;
  headers: IncomingMessage['headers'];
  origin: string | null;
  cookies: Record<string, string>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** JSON with `Content-Type: application/json` exactly: @clerk/backend ignores bodies with a charset. */
export const json = (body: unknown, status = 200): Reply => ({ status, body });

export const MAX_BODY = 1024 * 1024;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** The handler and path params for a request, `'method'` when only the method is wrong, or null. */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 'method' | null {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = route.segments.every((segment, i) => {
        if (segment.startsWith(':')) {
          const value = safeDecode(parts[i]);
          if (value === null) return false;
          params[segment.slice(1)] = value;
          return true;
        }
        return segment === parts[i];
      });
      if (!ok) continue;
      pathMatched = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : null;
  }
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Request cookies; a value that is not valid percent-encoding is kept as sent. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const raw = part.slice(index + 1).trim();
    cookies[part.slice(0, index).trim()] = safeDecode(raw) ?? raw;
  }
  return cookies;
}

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ClerkApiError(413, 'request_body_too_large', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Parses a JSON or form body; other types (multipart, octet streams) give {} and are read from `rawBody`. */
export function parseBody(raw: Buffer, type: string): Record<string, unknown> {
  if (type === 'multipart/form-data' || type === 'application/octet-stream') return {};
  const text = raw.toString('utf8');
  if (!text.trim()) return {};
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw errors.badJson();
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw errors.badJson();
    return parsed as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** CORS for the browser's credentialed Frontend API calls: echo the origin, never `*`. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    Vary: 'Origin',
  };
}

export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  return {
    ...corsHeaders(req),
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': String(
      req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization',
    ),
    'Access-Control-Max-Age': '600',
  };
}

export function send(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-store', ...extraHeaders, ...reply.headers };
  let payload: string | Buffer | undefined;
  if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
    payload = reply.body;
  } else if (reply.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(reply.body);
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function errorReply(error: unknown, log: (line: string) => void): Reply {
  if (error instanceof ClerkApiError) return json(error.toJSON(), error.status);
  log(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  const internal = new ClerkApiError(
    500,
    'internal_clerk_error',
    'Oops, an unexpected error occurred',
    'The local Clerk emulator hit an unexpected error; see its log.',
  );
  return json(internal.toJSON(), 500);
}
