/**
 * The one JSONPath parser, for the subset Hasura parses everywhere (a json column's `path` argument,
 * `claims_namespace_path`, `claims_map` paths): an optional `$`, then `.key` (the first key may omit the dot),
 * `[index]`, `['key']` or `["key"]` steps; keys are `[A-Za-z0-9_-]+`.
 */
export type JsonPath = (string | number)[];

/** A path that does not parse: `rest` is the text from the first step that fails, `at` its offset. */
export class JsonPathError extends Error {
  constructor(
    readonly path: string,
    readonly at: number,
    readonly rest: string,
  ) {
    super(`JSON path "${path}" is not supported at character ${at + 1}`);
  }
}

export function parseJsonPath(path: string): JsonPath {
  const steps: JsonPath = [];
  const step = /\.?([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  step.lastIndex = path.startsWith('$') ? 1 : 0;
  while (step.lastIndex < path.length) {
    const at = step.lastIndex;
    const match = step.exec(path);
    if (!match) throw new JsonPathError(path, at, path.slice(at));
    if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(match[1] ?? match[3] ?? match[4]);
  }
  return steps;
}

/** The value at `path` in `value`, or undefined when any step is missing. */
export function readJsonPath(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
