import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { prepareRequest } from '../../src/engine/request/prepare.js';

/** Parsed documents are kept per query text (request/prepare.ts), within bounds an attacker cannot stretch. */
describe('parsed documents kept for the next request', () => {
  const schema = buildSchema('type Query { answer(offset: Int): Int }');
  const prepared = (query: string) => {
    const result = prepareRequest(schema, { query });
    if (!result.ok) throw new Error(result.error.message);
    return result.operation;
  };

  it('a query sent again is not parsed again', () => {
    const query = '{ answer }';
    expect(prepared(query).document).toBe(prepared(query).document);
    expect(prepared(query).variablesText).toBe('{}');
  });

  it('a query text over 16 KB is parsed each time, and nothing of it is remembered', () => {
    const query = `{ answer }\n# ${'padding '.repeat(2_500)}`;
    expect(prepared(query).document).not.toBe(prepared(query).document);
    expect(prepared(query).variablesText).toBeUndefined();
  });
});
