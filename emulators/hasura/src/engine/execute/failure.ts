/** A request that failed while running: carries Hasura's finished error (the mutation's transaction rolls back). */
import type { HasuraError } from '../../types.js';

export class ExecutionFailure extends Error {
  constructor(readonly error: HasuraError) {
    super(error.message);
  }
}
