import { closestMatches } from '../util/did-you-mean.js';

export const COMMANDS = ['serve', 'stats', 'models', 'claude', 'codex'] as const;
export type Command = (typeof COMMANDS)[number];

/** Commands that run another program and hand it every argument after their name. */
const PASS_THROUGH: ReadonlySet<string> = new Set(['claude', 'codex']);

interface FlagSpec {
  type: 'string' | 'number' | 'boolean';
  /** Commands that accept the flag; absent = every command. */
  only?: readonly Command[];
  shortFlag?: string;
}

export const FLAGS = {
  port: { type: 'number' },
  host: { type: 'string' },
  dashboardPort: { type: 'number' },
  dashboard: { type: 'boolean' },
  tui: { type: 'boolean' },
  config: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean', only: ['stats', 'models'] },
  since: { type: 'string', only: ['stats'] },
  provider: { type: 'string', only: ['models'] },
  workers: { type: 'number', only: ['serve'] },
  help: { type: 'boolean', shortFlag: 'h' },
  version: { type: 'boolean', shortFlag: 'v' },
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof FLAGS;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `--dashboard-port` and `--dashboardPort` → dashboardPort; `-h` → help. */
const FLAG_BY_SPELLING = new Map<string, FlagName>();
for (const [name, spec] of Object.entries(FLAGS) as Array<[FlagName, FlagSpec]>) {
  FLAG_BY_SPELLING.set(kebab(name), name);
  FLAG_BY_SPELLING.set(name, name);
  if (spec.shortFlag) FLAG_BY_SPELLING.set(spec.shortFlag, name);
}

export interface SplitArgs {
  /** ekai's own arguments (flags, the command name and, for most commands, nothing else). */
  own: string[];
  command: string | undefined;
  /** Everything after `claude` / `codex`, untouched. */
  passThrough: string[];
}

/** Find the command and split off the arguments that belong to a pass-through command. */
export function splitArgs(argv: readonly string[]): SplitArgs {
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] ?? '';
    if (token === '--') break;
    if (token.startsWith('-')) {
      if (takesValue(token)) index++;
      continue;
    }
    const own = argv.slice(0, index + 1);
    if (PASS_THROUGH.has(token)) return { own, command: token, passThrough: argv.slice(index + 1) };
    return { own: [...argv], command: token, passThrough: [] };
  }
  return { own: [...argv], command: undefined, passThrough: [] };
}

function takesValue(token: string): boolean {
  if (token.includes('=')) return false;
  const name = FLAG_BY_SPELLING.get(token.replace(/^-+/, ''));
  return name !== undefined && FLAGS[name].type !== 'boolean';
}

/** Refuse flags ekai does not know, or that the command does not take, with a hint. */
export function checkFlags(own: readonly string[], command: string | undefined): void {
  for (const token of own) {
    if (token === '--') break;
    if (!token.startsWith('-') || /^-\d/.test(token)) continue;
    const spelled = token.replace(/^-+/, '').split('=')[0] ?? '';
    const name = FLAG_BY_SPELLING.get(spelled) ?? FLAG_BY_SPELLING.get(spelled.replace(/^no-/, ''));
    if (name === undefined) {
      const [hint] = closestMatches(spelled.replace(/^no-/, ''), Object.keys(FLAGS).map(kebab), 1);
      throw new UsageError(
        `unknown flag ${token}${hint ? ` (did you mean --${hint}?)` : ''}; see ekai --help`,
      );
    }
    const spec: FlagSpec = FLAGS[name];
    if (spec.only && !(command && (spec.only as readonly string[]).includes(command))) {
      throw new UsageError(
        `--${kebab(name)} is only for ${spec.only.map((only) => `ekai ${only}`).join(' and ')}`,
      );
    }
  }
}

/** `--workers N`: a positive whole number of gateway processes. */
export function checkWorkers(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new UsageError(`--workers expects a positive whole number of processes (got ${value})`);
  }
  return value;
}

export function checkCommand(command: string | undefined): asserts command is Command | undefined {
  if (command === undefined || (COMMANDS as readonly string[]).includes(command)) return;
  const [hint] = closestMatches(command, COMMANDS, 1);
  throw new UsageError(
    `unknown command "${command}"${hint ? ` (did you mean ${hint}?)` : ''}; see ekai --help`,
  );
}
