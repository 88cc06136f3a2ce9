import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QueryPlans, type QueryPlan } from '../../src/engine/execute/plans.js';
import type { Session } from '../../src/types.js';

const operation = parse('query ($t: String) { articles { id } }').definitions[0] as OperationDefinitionNode;
const session: Session = { role: 'user', variables: { 'x-hasura-user-id': 'alice' } };
const plan = (): QueryPlan => ({ keys: ['articles'], constants: [], columnOf: [0] });

describe('remembered query plans', () => {
  it('are found again by operation, variables and session variables', () => {
    const plans = new QueryPlans();
    const remembered = plan();
    plans.set(plans.key(operation, JSON.stringify({ t: 'a' }), session), remembered);
    expect(plans.get(plans.key(operation, JSON.stringify({ t: 'a' }), session))).toBe(remembered);
    expect(plans.get(plans.key(operation, JSON.stringify({ t: 'b' }), session))).toBeUndefined();
    expect(
      plans.get(
        plans.key(operation, JSON.stringify({ t: 'a' }), { ...session, variables: { 'x-hasura-user-id': 'bob' } }),
      ),
    ).toBe(undefined);
  });

  it('keep a bounded number, the oldest going first', () => {
    const plans = new QueryPlans();
    const keys = Array.from({ length: 201 }, (_, i) => plans.key(operation, JSON.stringify({ t: String(i) }), session));
    for (const key of keys) plans.set(key, plan());
    expect(plans.get(keys[0])).toBeUndefined();
    expect(plans.get(keys[1])).toBeDefined();
    expect(plans.get(keys[200])).toBeDefined();
  });

  it('never keep a request with huge variables: 200 of them would hold the memory of 200 bodies', () => {
    const plans = new QueryPlans();
    const key = plans.key(operation, JSON.stringify({ t: 'x'.repeat(1024 * 1024) }), session);
    plans.set(key, plan());
    expect(plans.get(key)).toBeUndefined();
  });
});
