/**
 * The JSONPath subset Hasura accepts in `claims_namespace_path` and `claims_map` paths: `$` followed by
 * `.key`, `['key']`, `["key"]` or `[index]` steps. Parsed once at start-up so a bad path fails the config.
 */
export type JsonPath = (string | number)[];

export function parseJsonPath(path: string): JsonPath {
  if (!path.startsWith('$')) throw new Error(`JSON path "${path}" must start with "$"`);
  const steps: JsonPath = [];
  const step = /\.([A-Za-z0-9_-]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const at = step.lastIndex;
    const match = step.exec(path);
    if (!match) throw new Error(`JSON path "${path}" is not supported at character ${at + 1}`);
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
