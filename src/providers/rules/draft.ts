import type { ParameterNotes } from '../../formats/translation.js';

/** A note of a rule on one upstream parameter, before it is placed among the converter's warnings. */
export interface Note {
  param: string;
  text: string;
}

/**
 * The upstream body while rules apply: copied on the first change (the client's parsed body, and
 * the raw text the fast path splices, stay untouched), keys kept in their order. A parameter may be
 * a dotted path into objects (`output_config.effort`): the objects on the way are copied too.
 */
export class Draft {
  readonly notes: Note[] = [];
  changed = false;
  #body: Record<string, unknown>;

  constructor(
    body: Record<string, unknown>,
    /** The client spoke the upstream format itself (no translation). */
    readonly native: boolean,
    private readonly parameters?: Readonly<Record<string, ParameterNotes>>,
    /** The upstream model, for `{model}` in notes. */
    readonly model = '',
  ) {
    this.#body = body;
  }

  get body(): Record<string, unknown> {
    return this.#body;
  }

  get(param: string): unknown {
    return valueAt(this.#body, param);
  }

  /** Sent with a value (null counts as not sent: the provider's default). */
  has(param: string): boolean {
    const value = this.get(param);
    return value !== undefined && value !== null;
  }

  set(param: string, value: unknown): void {
    const [head, rest] = splitPath(param);
    if (rest !== undefined) {
      const inner = this.#body[head];
      value = withValueAt(isObject(inner) ? inner : {}, rest, value);
    }
    if (head in this.#body) this.#edit((key, old) => [[key, key === head ? value : old]]);
    else this.#edit((key, old) => [[key, old]], [[head, value]]);
  }

  /** Not sent; an object left empty by it goes too (`output_config` without its effort). */
  delete(param: string): void {
    const [head, rest] = splitPath(param);
    const inner = this.#body[head];
    if (rest !== undefined) {
      if (!isObject(inner) || valueAt(inner, rest) === undefined) return;
      const left = withoutValueAt(inner, rest);
      if (Object.keys(left).length > 0) {
        this.set(head, left);
        return;
      }
    }
    if (head in this.#body) this.#edit((key, old) => (key === head ? [] : [[key, old]]));
  }

  rename(from: string, to: string): void {
    this.#edit((key, old) => [[key === from ? to : key, old]]);
  }

  /** `param` right after `anchor` (at the end without it); in place when already there. */
  insertAfter(anchor: string, param: string, value: unknown): void {
    if (param in this.#body || !(anchor in this.#body)) {
      this.set(param, value);
      return;
    }
    this.#edit((key, old) =>
      key === anchor
        ? [
            [key, old],
            [param, value],
          ]
        : [[key, old]],
    );
  }

  /** `template`'s `{param}` reads as the client's name for the parameter, `{model}` as the model. */
  note(param: string, template: string): void {
    this.notes.push({ param, text: this.text(param, template) });
  }

  text(param: string, template: string): string {
    const name = this.parameters?.[param]?.name ?? this.parameters?.[splitPath(param)[0]]?.name ?? param;
    return template.replaceAll('{param}', name).replaceAll('{model}', this.model);
  }

  /** Where the converter wrote `param` (or the object holding it) among its warnings (the end when it did not say). */
  slotOf(param: string, warningCount: number): number {
    const at = this.parameters?.[param]?.at ?? this.parameters?.[splitPath(param)[0]]?.at;
    return Math.min(at ?? warningCount, warningCount);
  }

  #edit(
    map: (key: string, value: unknown) => Array<[string, unknown]>,
    appended: Array<[string, unknown]> = [],
  ): void {
    const entries = Object.entries(this.#body).flatMap(([key, value]) => map(key, value));
    this.#body = Object.fromEntries([...entries, ...appended]);
    this.changed = true;
  }
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b.c` → [`a`, `b.c`]; a plain name → [name, undefined]. */
function splitPath(path: string): [string, string | undefined] {
  const dot = path.indexOf('.');
  return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

export function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** A copy of `object` with `value` at `path` (in place when the key is there, else at the end). */
function withValueAt(object: JsonObject, path: string, value: unknown): JsonObject {
  const [head, rest] = splitPath(path);
  const inner = object[head];
  return {
    ...object,
    [head]: rest === undefined ? value : withValueAt(isObject(inner) ? inner : {}, rest, value),
  };
}

function withoutValueAt(object: JsonObject, path: string): JsonObject {
  const [head, rest] = splitPath(path);
  const { [head]: inner, ...others } = object;
  if (rest === undefined || !isObject(inner)) return others;
  const left = withoutValueAt(inner, rest);
  return Object.keys(left).length > 0 ? { ...object, [head]: left } : others;
}
