export interface MatrixResult {
  client: string;
  version: string;
  session: string;
  /** The path's id, e.g. `openai-chat`. */
  path: string;
  /** The client's own format at its own vendor (no translation). */
  native: boolean;
  ok: boolean;
  /** False when ekai serves this client natively at the path's provider instead (shown as n/a). */
  reachable?: boolean;
  /** What failed (first failed check), for the report; not rendered. */
  failure?: string;
  /** The reason from expected-failures.json when the case is a listed known gap. */
  expected?: string;
}

export interface MatrixInput {
  results: readonly MatrixResult[];
  paths: ReadonlyArray<{ id: string; provider: string; format: string }>;
}

export function renderMatrix(input: MatrixInput): string;

/** README.md with the copy of the matrix table between its markers replaced by this replay's. */
export function readmeWithMatrix(readme: string, input: MatrixInput): string;
