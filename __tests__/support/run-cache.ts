import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * A value computed once per test run and shared by the run's workers: the first worker to
 * ask computes it while holding a lock folder, the others wait for its file. Keys must hash
 * everything the value depends on. Without CIS_TEST_RUN (a single test file run directly)
 * it simply computes.
 */
export function runCached(kind: string, input: string, compute: () => string): string {
  const run = process.env.CIS_TEST_RUN;
  if (!run) return compute();
  const key = `${kind}-${createHash("sha256").update(input).digest("hex").slice(0, 32)}`;
  const file = join(run, key);
  const lock = `${file}.lock`;
  for (;;) {
    if (existsSync(file)) return readFileSync(file, "utf8");
    try {
      mkdirSync(lock);
    } catch {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      const value = compute();
      writeFileSync(`${file}.tmp`, value);
      renameSync(`${file}.tmp`, file);
      return value;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
