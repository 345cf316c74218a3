import type { ParameterNotes } from '../../formats/translation.js';

/** A note of a rule on one upstream parameter, before it is placed among the converter's warnings. */
export interface Note {
  param: string;
  text: string;
}

/**
 * The upstream body while rules apply: copied on the first change (the client's parsed body, and
 * the raw text the fast path splices, stay untouched), keys kept in their order.
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
  ) {
    this.#body = body;
  }

  get body(): Record<string, unknown> {
    return this.#body;
  }

  get(param: string): unknown {
    return this.#body[param];
  }

  /** Sent with a value (null counts as not sent: the provider's default). */
  has(param: string): boolean {
    return this.#body[param] !== undefined && this.#body[param] !== null;
  }

  set(param: string, value: unknown): void {
    if (param in this.#body) this.#edit((key, old) => [[key, key === param ? value : old]]);
    else this.#edit((key, old) => [[key, old]], [[param, value]]);
  }

  delete(param: string): void {
    if (param in this.#body) this.#edit((key, old) => (key === param ? [] : [[key, old]]));
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

  /** `template`'s `{param}` reads as the client's name for the parameter. */
  note(param: string, template: string): void {
    const name = this.parameters?.[param]?.name ?? param;
    this.notes.push({ param, text: template.replaceAll('{param}', name) });
  }

  /** Where the converter wrote `param` among its warnings (the end when it did not say). */
  slotOf(param: string, warningCount: number): number {
    return Math.min(this.parameters?.[param]?.at ?? warningCount, warningCount);
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
