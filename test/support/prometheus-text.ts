/**
 * A strict parser of Prometheus' text exposition format 0.0.4, written from the format's
 * description (https://prometheus.io/docs/instrumenting/exposition_formats/), independent of the
 * renderer under test: it throws on anything a Prometheus server would refuse or that the format
 * forbids — bad names, bad escapes, a TYPE after its samples, a metric's lines split in two groups,
 * duplicate series, histogram buckets out of order or not cumulative, a missing +Inf bucket.
 */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name (`x_bucket`, `x_sum`, … for histograms). */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Map<string, Family> {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a line feed');
  const families = new Map<string, Family>();
  const finished = new Set<string>();
  const typed = new Set<string>();
  let current: Family | undefined;
  const enter = (name: string, lineNumber: number): Family => {
    if (current?.name === name) return current;
    if (current) finished.add(current.name);
    if (finished.has(name)) throw new Error(`line ${lineNumber}: ${name} appears in two separate groups`);
    current = families.get(name) ?? { name, type: 'untyped', samples: [] };
    families.set(name, current);
    return current;
  };
  text.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      parseComment(line, lineNumber, enter, typed);
      return;
    }
    const sample = parseSample(line, lineNumber);
    const family = enter(familyNameOf(sample.name, families), lineNumber);
    family.samples.push(sample);
  });
  for (const family of families.values()) checkFamily(family);
  return families;
}

function parseComment(
  line: string,
  lineNumber: number,
  enter: (name: string, line: number) => Family,
  typed: Set<string>,
): void {
  const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
  if (!match) return; // an ordinary comment
  const [, keyword, name = '', rest = ''] = match;
  if (!METRIC_NAME.test(name)) throw new Error(`line ${lineNumber}: bad metric name "${name}"`);
  const family = enter(name, lineNumber);
  if (keyword === 'HELP') {
    if (family.help !== undefined) throw new Error(`line ${lineNumber}: second HELP for ${name}`);
    family.help = unescapeText(rest, false, lineNumber);
    return;
  }
  if (!TYPES.has(rest.trim())) throw new Error(`line ${lineNumber}: unknown type "${rest}"`);
  if (family.samples.length > 0) throw new Error(`line ${lineNumber}: TYPE for ${name} after its samples`);
  if (typed.has(name)) throw new Error(`line ${lineNumber}: second TYPE for ${name}`);
  family.type = rest.trim() as MetricType;
  typed.add(name);
}

/** `x_bucket`, `x_sum`, `x_count` belong to family `x` when `x` was declared a histogram or summary. */
function familyNameOf(sampleName: string, families: Map<string, Family>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = families.get(sampleName.slice(0, -suffix.length));
    if (base && (base.type === 'histogram' || (base.type === 'summary' && suffix !== '_bucket'))) {
      return base.name;
    }
  }
  return sampleName;
}

function parseSample(line: string, lineNumber: number): Sample {
  const nameMatch = /^[^\s{]+/.exec(line);
  const name = nameMatch?.[0] ?? '';
  if (!METRIC_NAME.test(name)) throw new Error(`line ${lineNumber}: bad metric name "${name}"`);
  let position = name.length;
  const labels: Record<string, string> = {};
  if (line[position] === '{') {
    position++;
    while (line[position] !== '}') {
      const labelMatch = /^\s*([^\s=]+)\s*=\s*"/.exec(line.slice(position));
      if (!labelMatch) throw new Error(`line ${lineNumber}: bad label set in "${line}"`);
      const labelName = labelMatch[1] ?? '';
      if (!LABEL_NAME.test(labelName) || labelName.startsWith('__'))
        throw new Error(`line ${lineNumber}: bad label name "${labelName}"`);
      if (labelName in labels) throw new Error(`line ${lineNumber}: label ${labelName} twice`);
      position += labelMatch[0].length;
      let raw = '';
      while (line[position] !== '"') {
        if (position >= line.length) throw new Error(`line ${lineNumber}: unterminated label value`);
        if (line[position] === '\\') raw += line[position++];
        raw += line[position++];
      }
      labels[labelName] = unescapeText(raw, true, lineNumber);
      position++;
      const separator = /^\s*(,\s*)?/.exec(line.slice(position))?.[0] ?? '';
      position += separator.length;
      if (!separator.includes(',') && line[position] !== '}')
        throw new Error(`line ${lineNumber}: expected , or } in "${line}"`);
    }
    position++;
  }
  const rest = line.slice(position);
  const parts = rest.trim().split(/\s+/);
  if (!/^\s/.test(rest) || parts.length < 1 || parts.length > 2)
    throw new Error(`line ${lineNumber}: expected a value (and an optional timestamp) in "${line}"`);
  const value = parseValue(parts[0] ?? '', lineNumber);
  if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1]))
    throw new Error(`line ${lineNumber}: bad timestamp "${parts[1]}"`);
  return { name, labels, value };
}

function parseValue(text: string, lineNumber: number): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  if (text === 'NaN') return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text))
    throw new Error(`line ${lineNumber}: bad value "${text}"`);
  return Number(text);
}

function unescapeText(raw: string, quotes: boolean, lineNumber: number): string {
  return raw.replace(/\\(.)/g, (_, next: string) => {
    if (next === '\\') return '\\';
    if (next === 'n') return '\n';
    if (next === '"' && quotes) return '"';
    throw new Error(`line ${lineNumber}: bad escape \\${next}`);
  });
}

const seriesKey = (labels: Record<string, string>, without?: string) =>
  JSON.stringify(
    Object.entries(labels)
      .filter(([name]) => name !== without)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

function checkFamily(family: Family): void {
  const seen = new Set<string>();
  for (const sample of family.samples) {
    const key = `${sample.name}${seriesKey(sample.labels)}`;
    if (seen.has(key)) throw new Error(`${family.name}: duplicate series ${key}`);
    seen.add(key);
    if (family.type === 'counter' && !(sample.value >= 0))
      throw new Error(`${family.name}: a counter must not be negative (${sample.value})`);
  }
  if (family.type === 'histogram') checkHistogram(family);
}

function checkHistogram(family: Family): void {
  const groups = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  const groupOf = (sample: Sample) => {
    const key = seriesKey(sample.labels, 'le');
    const group = groups.get(key) ?? { buckets: [] };
    groups.set(key, group);
    return group;
  };
  for (const sample of family.samples) {
    const suffix = sample.name.slice(family.name.length);
    if (suffix === '_bucket') {
      const le = sample.labels.le;
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      groupOf(sample).buckets.push([parseValue(le, 0), sample.value]);
    } else if (suffix === '_count') groupOf(sample).count = sample.value;
    else if (suffix === '_sum') groupOf(sample).sum = sample.value;
    else throw new Error(`${family.name}: unexpected sample ${sample.name} in a histogram`);
  }
  for (const [key, group] of groups) {
    const where = `${family.name}${key}`;
    if (group.count === undefined || group.sum === undefined)
      throw new Error(`${where}: _count or _sum missing`);
    const last = group.buckets.at(-1);
    if (!last || last[0] !== Number.POSITIVE_INFINITY) throw new Error(`${where}: no +Inf bucket last`);
    if (last[1] !== group.count) throw new Error(`${where}: +Inf bucket ${last[1]} ≠ _count ${group.count}`);
    group.buckets.forEach(([le, count], index) => {
      const previous = group.buckets[index - 1];
      if (previous && !(le > previous[0])) throw new Error(`${where}: le not increasing at ${le}`);
      if (previous && count < previous[1]) throw new Error(`${where}: buckets not cumulative at le=${le}`);
    });
  }
}

/** The sum of a family's samples named `name` whose labels include `match`. */
export function sumOf(
  families: Map<string, Family>,
  name: string,
  match: Record<string, string> = {},
  familyName = name,
): number {
  const family = families.get(familyName);
  if (!family) return 0;
  return family.samples
    .filter((sample) => sample.name === name)
    .filter((sample) => Object.entries(match).every(([label, value]) => sample.labels[label] === value))
    .reduce((sum, sample) => sum + sample.value, 0);
}
