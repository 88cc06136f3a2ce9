/**
 * The live-query poller alone, over a counting engine and multiplexer (no database, no sockets): a cohort compiles
 * its query once however many intervals it lives, the cohorts of one SQL text run as ONE multiplexed call per
 * interval with every cohort's parameters, and a cohort pushes only when the text Postgres answered changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer, Multiplexer } from '../src/subscriptions/multiplex.js';
import { Poller } from '../src/subscriptions/poller.js';
import type { CompiledQuery, Engine, GraphQLRequest, Session } from '../src/types.js';

const INTERVAL_MS = 20;
const SQL = 'SELECT notes_of($1::text)::text';
const request: GraphQLRequest = { query: 'query { notes { id } }' };
const session = (user: string): Session => ({
  role: 'user',
  variables: { 'x-hasura-role': 'user', 'x-hasura-user-id': user },
});

/** What the fake database holds: each user's JSON text. */
const table = new Map<string, string>();
let compiles = 0;
const calls: Array<{ sql: string; sets: Array<Array<string | null>> }> = [];

const engine = {
  compile(_request: GraphQLRequest, s: Session): CompiledQuery {
    compiles++;
    return {
      sql: SQL,
      params: [s.variables['x-hasura-user-id']],
      answer: (row) => `{"data":{"notes":${row?.[0] ?? 'null'}}}`,
      failure: () => '{"errors":[]}',
    };
  },
} as unknown as Engine;

const multiplex: Multiplexer = async (sql, sets) => {
  calls.push({ sql, sets });
  return sets.map((params): Answer => ({ row: [table.get(params[0]!) ?? '[]'] }));
};

/** Waits until `done()` (a loaded machine may delay timers), at most 5 s. */
async function until(done: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS / 2));
}

describe('live-query poller', () => {
  let poller: Poller | undefined;
  afterEach(() => {
    poller?.close();
    table.clear();
    calls.length = 0;
    compiles = 0;
  });

  it('compiles each cohort once, runs one multiplexed call per interval for the shape, pushes only changes', async () => {
    poller = new Poller(engine, multiplex, { liveMs: INTERVAL_MS, streamMs: INTERVAL_MS });
    const pushed = new Map<string, string[]>();
    for (const user of ['u1', 'u2', 'u3']) {
      pushed.set(user, []);
      poller.addLive(request, session(user), (text) => pushed.get(user)!.push(text));
    }
    table.set('u1', '[{"id":1}]');
    await until(() => calls.length >= 5);

    expect(compiles).toBe(3);
    // The three cohorts, first fetched together, then once per interval: always one call with three sets.
    expect(calls.length).toBeGreaterThanOrEqual(5);
    for (const call of calls) {
      expect(call.sql).toBe(SQL);
      expect(call.sets.map((set) => set[0]).sort()).toEqual(['u1', 'u2', 'u3']);
    }
    expect(pushed.get('u1')).toEqual(['{"data":{"notes":[{"id":1}]}}']);
    expect(pushed.get('u2')).toEqual(['{"data":{"notes":[]}}']);

    table.set('u2', '[{"id":2}]');
    const seen = calls.length;
    await until(() => calls.length >= seen + 3);
    expect(pushed.get('u2')).toEqual(['{"data":{"notes":[]}}', '{"data":{"notes":[{"id":2}]}}']);
    expect(pushed.get('u3')).toEqual(['{"data":{"notes":[]}}']);
    expect(compiles).toBe(3);
  });
});
