/**
 * The engine's HTTP API on node:http: `POST /v1/graphql` (answers 200 even for GraphQL and auth errors, like
 * the real engine; a JSON array is a batch), `GET /healthz`, `GET /v1/version`, CORS for browsers (`cors.ts`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolveSession, type AuthSettings } from './auth/session.js';
import { applyCors, type CorsConfig } from './cors.js';
import { hasuraError } from './engine/errors.js';
import type { Engine, GraphQLRequest, HasuraError } from './types.js';

export const ENGINE_VERSION = 'v2.43.0-local';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ServerOptions {
  engine: Engine;
  auth: AuthSettings;
  /** Default: every origin (the real engine's default, HASURA_GRAPHQL_CORS_DOMAIN=*). */
  cors?: CorsConfig;
  log?: (message: string) => void;
}

export function createHasuraServer({
  engine,
  auth,
  cors = { mode: 'all' },
  log = () => undefined,
}: ServerOptions): Server {
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`unexpected error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { errors: [hasuraError('unexpected', 'internal server error')] });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Like the real engine: keep the caller's request id, or make one.
    const requestId = req.headers['x-request-id'];
    res.setHeader('x-request-id', typeof requestId === 'string' && requestId ? requestId : randomUUID());
    if (applyCors(cors, req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('OK');
      return;
    }
    if (path === '/v1/version' && req.method === 'GET') {
      sendJson(res, 200, { version: ENGINE_VERSION, server_type: 'ce' });
      return;
    }
    if (path === '/v1/graphql' && req.method === 'POST') {
      await handleGraphql(req, res);
      return;
    }
    sendJson(res, 404, { path: '$', error: 'resource does not exist', code: 'not-found' });
  }

  async function handleGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === null) {
      sendJson(res, 413, { errors: [hasuraError('invalid-json', `request body exceeds ${MAX_BODY_BYTES} bytes`)] });
      return;
    }
    // As the real engine: the session is resolved before the body is read as JSON.
    const session = await resolveSession(req.headers, auth);
    if ('extensions' in session) {
      sendJson(res, 200, { errors: [session] });
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      sendJson(res, 200, {
        errors: [hasuraError('invalid-json', 'Error in $: Failed reading: not a valid json value')],
      });
      return;
    }
    // The whole body is decoded first (a batch with one malformed request fails as a whole), then run.
    const batch = Array.isArray(parsed);
    const requests: GraphQLRequest[] = [];
    for (const [index, item] of (batch ? (parsed as unknown[]) : [parsed]).entries()) {
      const request = asGraphqlRequest(item, batch ? `$[${index}]` : '$');
      if ('extensions' in request) {
        sendJson(res, 200, { errors: [request] });
        return;
      }
      requests.push(request);
    }
    if (!batch) {
      sendText(res, 200, await engine.executeText(requests[0], session));
      return;
    }
    // A batch runs its operations one after the other, in order, as the real engine does.
    const results: string[] = [];
    for (const request of requests) results.push(await engine.executeText(request, session));
    sendText(res, 200, `[${results.join(',')}]`);
  }
}

/** aeson's name for a JSON value's kind, as in the real engine's parse-failed messages. */
function jsonKind(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  return { boolean: 'Boolean', number: 'Number', string: 'String' }[typeof value as string] ?? 'Object';
}

const GQL_REQ = 'parsing Hasura.GraphQL.Transport.HTTP.Protocol.GQLReq(GQLReq) failed';

/** One request of the body, decoded as the real engine's generic JSON parser decodes it (with its messages). */
function asGraphqlRequest(value: unknown, path: string): GraphQLRequest | HasuraError {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return hasuraError('parse-failed', `${GQL_REQ}, expected Object, but encountered ${jsonKind(value)}`, path);
  }
  const { query, variables, operationName, extensions } = value as Record<string, unknown>;
  if (query === undefined) return hasuraError('parse-failed', `${GQL_REQ}, key "query" not found`, path);
  if (typeof query !== 'string') {
    const message = `parsing Text failed, expected String, but encountered ${jsonKind(query)}`;
    return hasuraError('parse-failed', message, `${path}.query`);
  }
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    const message = `parsing HashMap failed, expected Object, but encountered ${jsonKind(variables)}`;
    return hasuraError('parse-failed', message, `${path}.variables`);
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    const message = `parsing Text failed, expected String, but encountered ${jsonKind(operationName)}`;
    return hasuraError('parse-failed', message, `${path}.operationName`);
  }
  const request: GraphQLRequest = {
    query,
    variables: variables as GraphQLRequest['variables'],
    operationName: operationName as string | null,
  };
  const persistedQuery = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (persistedQuery !== undefined) request.persistedQuery = persistedQuery;
  return request;
}

/** The whole body as text, or null when it is too large. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body));
}

/** `text` is JSON already. */
function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
