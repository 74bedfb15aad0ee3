import { spawnSync } from "node:child_process";
import { ROOT } from "./synth";

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a project command the way users do: `node tools/launcher.js <entry> args...`. */
export function runEntry(entry: string, args: string[] = [], env: Record<string, string> = {}, input?: string): RunResult {
  const result = spawnSync(process.execPath, ["tools/launcher.js", entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    input,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
