/** What the SQL compilers share while compiling one statement: its bound parameters and table aliases. */
import { Params } from './params.js';

export class CompileContext {
  readonly params = new Params();
  private aliases = 0;

  /** A fresh table alias for this statement: `_0`, `_1`, … */
  alias(): string {
    return `"_${this.aliases++}"`;
  }
}
