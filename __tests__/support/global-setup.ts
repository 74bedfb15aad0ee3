import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Once per `jest` run, before any worker starts: a folder the workers of this run share
 * (CIS_TEST_RUN), where expensive fixtures that depend only on their inputs — the state an
 * offline plan of a stack leaves — are computed once and reused. global-teardown.ts removes it.
 */
export default function globalSetup(): void {
  process.env.CIS_TEST_RUN = mkdtempSync(join(tmpdir(), "cis-test-run-"));
}
