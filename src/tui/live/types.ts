/** What `ekai serve` tells the live view about itself; fixed for the life of the process. */
export interface LiveInfo {
  version: string;
  urls: { proxy: string; dashboard?: string | undefined };
  providers: ReadonlyArray<{ name: string; configured: boolean }>;
  configFile?: string | undefined;
}
