import { existsSync, rmSync } from "node:fs";
import { stopSharedProviders } from "./shared-provider";

export default function globalTeardown(): void {
  const run = process.env.CIS_TEST_RUN;
  if (!run) return;
  if (existsSync(run)) stopSharedProviders(run);
  rmSync(run, { recursive: true, force: true });
}
