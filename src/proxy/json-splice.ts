/**
 * Edit a JSON object's top-level fields in its text, without parsing and re-serialising the rest:
 * agent requests carry 100 KB+ of history, and re-serialising it cost a quarter of the gateway's
 * CPU (bench/README.md). Callers have already parsed the text once, so it is known to be valid.
 */

/** Where a top-level key's value is: [start, end) of the value's text, for the last occurrence (as JSON.parse keeps). */
export function topLevelValueRange(text: string, key: string): [number, number] | undefined {
  let found: [number, number] | undefined;
  let depth = 0;
  let index = 0;
  let expectingKey = false;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 34 /* " */) {
      const end = stringEnd(text, index);
      if (depth === 1 && expectingKey) {
        const name = text.slice(index + 1, end - 1);
        const valueStart = skipSpaceAndColon(text, end);
        const valueEnd = valueEndAt(text, valueStart);
        if (name === key || (name.includes('\\') && JSON.parse(text.slice(index, end)) === key)) {
          found = [valueStart, valueEnd];
        }
        index = valueEnd;
        expectingKey = false;
        continue;
      }
      index = end;
      continue;
    }
    if (char === 123 /* { */) {
      depth++;
      expectingKey = depth === 1;
    } else if (char === 91 /* [ */) depth++;
    else if (char === 125 /* } */ || char === 93 /* ] */) depth--;
    else if (char === 44 /* , */ && depth === 1) expectingKey = true;
    index++;
  }
  return found;
}

/** Replace a top-level value (which must exist) with `json`. */
export function replaceTopLevelValue(text: string, key: string, json: string): string | undefined {
  const range = topLevelValueRange(text, key);
  return range ? text.slice(0, range[0]) + json + text.slice(range[1]) : undefined;
}

/** Add a top-level field (which must not exist yet) right after the opening brace. */
export function prependTopLevelField(text: string, key: string, json: string): string {
  const open = text.indexOf('{');
  const empty = /^\s*}/.test(text.slice(open + 1));
  return `${text.slice(0, open + 1)}${JSON.stringify(key)}:${json}${empty ? '' : ','}${text.slice(open + 1)}`;
}

/** The index just past a string starting at `start` (a quote), escapes included. */
function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 92 /* \ */) index += 2;
    else if (char === 34) return index + 1;
    else index++;
  }
  return index;
}

function skipSpaceAndColon(text: string, from: number): number {
  let index = from;
  while (index < text.length && /[\s:]/.test(text[index] as string)) index++;
  return index;
}

/** The index just past the value starting at `start` (string, number, literal, object or array). */
function valueEndAt(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === 34) return stringEnd(text, start);
  if (first !== 123 && first !== 91) {
    let index = start;
    while (index < text.length && !/[\s,}\]]/.test(text[index] as string)) index++;
    return index;
  }
  let depth = 0;
  let index = start;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 34) {
      index = stringEnd(text, index);
      continue;
    }
    if (char === 123 || char === 91) depth++;
    else if (char === 125 || char === 93) {
      depth--;
      if (depth === 0) return index + 1;
    }
    index++;
  }
  return index;
}
