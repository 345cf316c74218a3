import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The one guard for tests that drive a real headless Chromium (Debian's `chromium` package, which
 * .ci/run installs). On a developer's machine without it those tests are skipped with a note; in
 * CI (`EKAI_REQUIRE_CHROMIUM`) a missing browser is an error, never a skip.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && process.env.EKAI_REQUIRE_CHROMIUM) {
  throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
}
if (!haveChromium) console.warn(`skipping the browser tests: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `extraArgs`: e.g. `--host-resolver-rules=MAP rebind.test 127.0.0.1` to play DNS rebinding offline. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, ...extraArgs] });
}
