// Compares a JSON answer with a documented example by shape: the same keys
// and the same value types, recursively. Values are not compared here (the
// suites assert the values that carry meaning, such as `direction`).

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  if (t === 'string' || t === 'number' || t === 'boolean') return t;
  if (t === 'object') return 'object';
  throw new Error(`not JSON: ${t}`);
}

export interface ShapeRules {
  /**
   * Paths (`object.display`, `[].assignee`, `values[].fields`) the
   * documentation shows may be absent or present: a difference in these keys is
   * tolerated, nothing else. The value says where the documentation says so.
   */
  optional?: Readonly<Record<string, string>>;
  /**
   * Objects whose keys are exactly the fields asked for in the request's
   * `fields` parameter (get-links.md of entities: "List of fields is specified
   * in the fields parameter of the request"), path → the requested names.
   */
  requested?: Readonly<Record<string, readonly string[]>>;
}

/** `values[3].fields` → `values[].fields`. */
function normalise(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Every way `actual` differs in shape from `documented`, as readable lines;
 * empty when they agree. A `null` in the documentation stands for "any value"
 * (the docs write `"teamAccess": null` for a field of unknown type). A list is
 * compared item by item with the documentation's first item.
 */
export function shapeDiff(documented: unknown, actual: unknown, rules: ShapeRules = {}, path = ''): string[] {
  const at = path || '(root)';
  if (documented === null) return [];
  const want = jsonType(documented);
  const got = jsonType(actual);
  if (want !== got) return [`${at}: documented ${want}, got ${got}`];
  if (want === 'array') {
    const sample = (documented as unknown[])[0];
    if (sample === undefined) return [];
    return (actual as unknown[]).flatMap((item, n) => shapeDiff(sample, item, rules, `${path}[${n}]`));
  }
  if (want !== 'object') return [];

  const doc = documented as Record<string, unknown>;
  const act = actual as Record<string, unknown>;
  const out: string[] = [];
  const requested = rules.requested?.[normalise(path)];
  if (requested) {
    const extra = Object.keys(act).filter((k) => !requested.includes(k));
    if (extra.length) out.push(`${at}: not requested, yet answered: ${extra.join(', ')}`);
    // A requested field the documentation shows with a value must come back.
    const lost = requested.filter((k) => k in doc && !(k in act));
    if (lost.length) out.push(`${at}: requested, not answered: ${lost.join(', ')}`);
    for (const k of Object.keys(act)) {
      if (k in doc) out.push(...shapeDiff(doc[k], act[k], rules, join(path, k)));
    }
    return out;
  }
  const optional = (k: string): boolean => rules.optional?.[normalise(join(path, k))] !== undefined;
  for (const k of Object.keys(doc)) {
    if (!(k in act)) {
      if (!optional(k)) out.push(`${join(path, k)}: documented, missing`);
      continue;
    }
    out.push(...shapeDiff(doc[k], act[k], rules, join(path, k)));
  }
  for (const k of Object.keys(act)) {
    if (!(k in doc) && !optional(k)) out.push(`${join(path, k)}: not documented`);
  }
  return out;
}
