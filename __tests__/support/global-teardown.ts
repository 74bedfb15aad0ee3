import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  if (process.env.CIS_TEST_RUN) rmSync(process.env.CIS_TEST_RUN, { recursive: true, force: true });
}
