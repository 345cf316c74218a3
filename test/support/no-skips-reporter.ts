import type { Reporter, TestModule } from 'vitest/node';

/**
 * In CI a skipped test means a component is missing (Chromium, PostgreSQL, a CLI): the run fails
 * and names each skipped test, instead of passing with less tested than it says. Used when
 * `EKAI_FORBID_SKIPS` is set (.ci/run sets it).
 */
export default class NoSkipsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'skipped' || state === 'pending') skipped.push(`${module.moduleId} > ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    process.stderr.write(
      `\n${skipped.length} test(s) skipped, and EKAI_FORBID_SKIPS forbids it:\n${skipped.map((name) => `  - ${name}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  }
}
