import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { getEnv, stackMode } from '~/env.server';
import { SchemaTypesQuery } from '~/hasura/documents';
import { getHasuraSession } from '~/hasura/session.server';
import { isProblem } from '~/problem';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';

export const meta: MetaFunction = () => [{ title: 'Status · Reading tracker' }];

// A document takes its headers from the route's `headers`, not from the loader's response: pass no-store on.
export const headers: HeadersFunction = ({ loaderHeaders }) => ({
  'Cache-Control': loaderHeaders.get('Cache-Control') ?? 'no-store',
});

const PROBE_TIMEOUT_MS = 2_000;

type Probe = { ok: true; detail: string } | { ok: false; detail: string };

async function probe(url: string, init: RequestInit = {}): Promise<Probe> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok
      ? { ok: true, detail: `${url} answered HTTP ${response.status}` }
      : { ok: false, detail: `${url} answered HTTP ${response.status}` };
  } catch (error) {
    const { code, cause } = error as Error & { code?: string; cause?: { code?: string } };
    return { ok: false, detail: `${url} is not reachable (${cause?.code ?? code ?? (error as Error).message})` };
  }
}

export async function loader(args: LoaderFunctionArgs) {
  const env = getEnv();
  const clerkApi = env.CLERK_API_URL ?? 'https://api.clerk.com';
  const [clerk, hasura] = await Promise.all([
    // The Backend API's JWKS needs the secret key: a 200 means reachable *and* the key is accepted.
    probe(`${clerkApi}/v1/jwks`, { headers: { Authorization: `Bearer ${env.CLERK_SECRET_KEY}` } }),
    probe(new URL('/healthz', env.HASURA_GRAPHQL_ENDPOINT).toString()),
  ]);

  const session = await getHasuraSession(args);
  const claims = session.hasuraClaims;
  let schema: { ok: true; typeCount: number } | { ok: false; problem: string };
  try {
    const { __schema } = await session.query(SchemaTypesQuery, {});
    schema = { ok: true, typeCount: __schema.types.length };
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    const data: unknown = await error.json().catch(() => null);
    schema = { ok: false, problem: isProblem(data) ? data.problem : `HTTP ${error.status}` };
  }

  return data(
    {
      mode: stackMode(env),
      clerk,
      hasura,
      schema,
      userId: session.userId,
      role: claims ? String(claims['x-hasura-default-role'] ?? 'unknown') : 'anonymous',
      hasuraUserId: claims ? String(claims['x-hasura-user-id'] ?? '') : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function StatusPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Status</h1>
      <dl className="status">
        <dt>Mode</dt>
        <dd>{data.mode === 'local' ? 'local (Clerk and Hasura on this machine)' : 'real'}</dd>
        <dt>Clerk</dt>
        <dd>
          {data.clerk.ok ? 'Clerk reachable' : 'Clerk not reachable'} — {data.clerk.detail}
        </dd>
        <dt>Hasura</dt>
        <dd>
          {data.hasura.ok ? 'Hasura reachable' : 'Hasura not reachable'} — {data.hasura.detail}
        </dd>
        <dt>Signed in</dt>
        <dd>{data.userId ? `Signed in as ${data.userId}` : 'Signed out'}</dd>
        <dt>Hasura role</dt>
        <dd>
          Role: {data.role}
          {data.hasuraUserId ? ` (x-hasura-user-id ${data.hasuraUserId})` : ''}
        </dd>
        <dt>GraphQL</dt>
        <dd>
          {data.schema.ok
            ? `GraphQL schema has ${data.schema.typeCount} types`
            : `Introspection failed: ${data.schema.problem}`}
        </dd>
      </dl>
      {!data.clerk.ok || !data.hasura.ok ? (
        <p>
          Start the local stack with <code>npm run dev</code>, or check CLERK_API_URL and HASURA_GRAPHQL_ENDPOINT.
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
