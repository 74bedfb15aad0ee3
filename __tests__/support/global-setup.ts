import { mkdirSync, mkdtempSync } from "node:fs";
import { projectOutputListing } from "./project-output";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Once per `jest` run, before any worker starts: a folder the workers of this run share
 * (CIS_TEST_RUN), where expensive fixtures that depend only on their inputs — the state an
 * offline plan of a stack leaves — are computed once and reused. Every temp folder the
 * tests make goes below it too (TMPDIR, which the workers and every process they start
 * inherit), so global-teardown.ts removes all of them at once, whatever a test forgot.
 */
export default function globalSetup(): void {
  const run = mkdtempSync(join(tmpdir(), "cis-test-run-"));
  process.env.CIS_TEST_RUN = run;
  mkdirSync(join(run, "tmp"));
  process.env.TMPDIR = join(run, "tmp");
  // The user's cdktf.out is theirs: the suite must leave it as it found it (global-teardown.ts checks).
  process.env.CIS_PROJECT_OUTPUT_BEFORE = projectOutputListing();
}
