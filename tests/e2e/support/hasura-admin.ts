import { E2E_ENV, E2E_PORTS } from './stack-env.js';

/** Runs a GraphQL request against the test stack's Hasura as admin (checks what is really in the database). */
export async function asAdmin<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown> = {},
  role?: string,
  userId?: string,
): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${E2E_PORTS.hasura}/v1/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hasura-admin-secret': E2E_ENV.hasura.HASURA_GRAPHQL_ADMIN_SECRET!,
      ...(role ? { 'x-hasura-role': role } : {}),
      ...(userId ? { 'x-hasura-user-id': userId } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors) throw new Error(`Hasura: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data!;
}
