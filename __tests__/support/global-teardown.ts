import { existsSync, rmSync } from "node:fs";
import { projectOutputListing } from "./project-output";
import { stopSharedProviders } from "./shared-provider";

export default function globalTeardown(): void {
  const run = process.env.CIS_TEST_RUN;
  if (!run) return;
  if (existsSync(run)) stopSharedProviders(run);
  rmSync(run, { recursive: true, force: true });
  const before = process.env.CIS_PROJECT_OUTPUT_BEFORE;
  if (before !== undefined && projectOutputListing() !== before)
    throw new Error(
      `the tests changed the project's cdktf.out (before: ${before}; after: ${projectOutputListing()}): a test wrote where a user's synth output lives`,
    );
}
