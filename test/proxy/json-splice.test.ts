import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  prependTopLevelField,
  replaceTopLevelValue,
  topLevelValueRange,
} from '../../src/proxy/json-splice.js';

describe('editing top-level JSON fields in place', () => {
  it('replaces the top-level value only, whatever surrounds it', () => {
    const text = '{ "messages": [{"model": "inner", "x": "}\\"{"}], "model" : "gpt-4o", "n": 1 }';
    expect(JSON.parse(replaceTopLevelValue(text, 'model', '"gpt-4o-2024"')!)).toEqual({
      messages: [{ model: 'inner', x: '}"{' }],
      model: 'gpt-4o-2024',
      n: 1,
    });
    expect(topLevelValueRange('{"a":{"model":"x"}}', 'model')).toBeUndefined();
    expect(JSON.parse(prependTopLevelField('{"a":1}', 'stream_options', '{"include_usage":true}'))).toEqual({
      stream_options: { include_usage: true },
      a: 1,
    });
    expect(JSON.parse(prependTopLevelField(' { } ', 'k', '1'))).toEqual({ k: 1 });
  });

  it('agrees with parse-and-serialise on arbitrary objects', () => {
    const body = fc.dictionary(
      fc.string({ maxLength: 8 }).filter((key) => key !== 'model' && key !== '__proto__'),
      fc.jsonValue({ maxDepth: 4 }),
    );
    fc.assert(
      fc.property(body, fc.string(), fc.string(), fc.boolean(), (rest, model, upstream, spaced) => {
        const original = { ...rest, model };
        const text = spaced ? JSON.stringify(original, null, 2) : JSON.stringify(original);
        const edited = replaceTopLevelValue(text, 'model', JSON.stringify(upstream));
        expect(JSON.parse(edited!)).toEqual(JSON.parse(JSON.stringify({ ...rest, model: upstream })));
      }),
      { numRuns: 1000 },
    );
  });
});
