/**
 * The server's GraphQL transport: one typed operation = one POST to Hasura's /v1/graphql, over a keep-alive
 * connection pool shared by the whole process (undici `request`). Why not urql or the global `fetch` on the server:
 * docs/decisions/003-keep-alive-transport.md. urql stays in the browser (~/hasura/browser-client).
 *
 * Transport failures (unreachable, HTTP 5xx, an answer that is not GraphQL) throw the 503 Response naming Hasura;
 * GraphQL errors come back as a `HasuraGraphQLError` for the caller to explain.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { getOperationAST, print, type DocumentNode } from 'graphql';
import { Agent, request } from 'undici';
import { HasuraGraphQLError, hasuraUnavailable } from './errors.server';

const hasuraConnections = new Agent({ keepAliveTimeout: 30_000 });

export type HasuraResult<Data> = { data: Data; error: null } | { data: null; error: HasuraGraphQLError };

/** The printed query and operation name of each document, computed once (documents are module constants). */
const printed = new WeakMap<DocumentNode, { query: string; operationName: string | undefined }>();

function requestBody(document: DocumentNode, variables: unknown): string {
  let body = printed.get(document);
  if (!body) {
    body = { query: print(document), operationName: getOperationAST(document)?.name?.value };
    printed.set(document, body);
  }
  return JSON.stringify({ ...body, variables });
}

/** The short reason a connection failed (ECONNREFUSED, …). */
function describeNetworkError(error: unknown): string {
  const { code, cause, message } = error as Error & { code?: string; cause?: { code?: string } };
  return cause?.code ?? code ?? message ?? String(error);
}

export async function requestHasura<Data, Variables>(
  endpoint: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  /** `Authorization: Bearer …` when signed in, none for Hasura's unauthorized role; or the webhook's admin headers. */
  headers: Record<string, string> = {},
): Promise<HasuraResult<Data>> {
  let status: number;
  let text: string;
  try {
    const answer = await request(endpoint, {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...headers,
      },
      body: requestBody(document, variables),
      dispatcher: hasuraConnections,
    });
    status = answer.statusCode;
    text = await answer.body.text();
  } catch (error) {
    throw hasuraUnavailable(endpoint, describeNetworkError(error));
  }
  if (status >= 500) throw hasuraUnavailable(endpoint, `HTTP ${status}`);
  let body: { data?: Data | null; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw hasuraUnavailable(endpoint, status >= 300 ? `HTTP ${status}` : 'the answer is not JSON');
  }
  if (Array.isArray(body?.errors) && body.errors.length > 0) {
    const errors = body.errors.map((e) => ({
      message: typeof e?.message === 'string' ? e.message : 'unknown error',
      code: typeof e?.extensions?.code === 'string' ? e.extensions.code : undefined,
    }));
    return { data: null, error: new HasuraGraphQLError(errors) };
  }
  if (typeof body?.data !== 'object' || body.data === null)
    throw hasuraUnavailable(endpoint, `HTTP ${status}: not a GraphQL response`);
  return { data: body.data, error: null };
}
