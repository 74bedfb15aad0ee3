import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../lib/source/paths";
import { offlineOverrides } from "../../lib/terraform/offline";
import { PlanEnvironment } from "./plan-cost";
import { PeakPss } from "./peak-pss";

/** What one `cdktf deploy '*'` costs on one machine: its whole process tree at its peak. */
export interface DeployCost {
  readonly seconds: number;
  readonly stacks: number;
  /** Peak of the PSS summed over cdktf, terraform and every provider process. */
  readonly pssMegabytes: number;
  /** The most terraform and provider processes alive at once. */
  readonly terraformProcesses: number;
  /** The run was stopped at the memory guard: the peak is at least this. */
  readonly stopped: boolean;
}

/**
 * `cdktf deploy '*'` of a config's synthesized stacks (`outdir`), offline: every stack
 * folder gets the offline overrides (dummy keys, a local backend, one retry), so each plan
 * runs for real and each apply then fails at its first AWS call. The peak is the plan phase.
 * `parallelism` -1 is cdktf's default (every stack at once). Above `guardMegabytes` the run is
 * stopped, so an unbounded run cannot take the machine down.
 */
export function measureDeploy(outdir: string, parallelism: number, environment: PlanEnvironment, guardMegabytes: number): Promise<DeployCost> {
  const stacksDir = join(outdir, "stacks");
  const stacks = readdirSync(stacksDir).filter((name) => !name.startsWith("."));
  for (const stack of stacks) {
    const json = JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as { provider?: { aws?: { alias?: string }[] } };
    const overrides = offlineOverrides(json.provider?.aws ?? []) as { provider: { aws: Record<string, unknown>[] } };
    for (const provider of overrides.provider.aws) provider.max_retries = 1;
    writeFileSync(join(stacksDir, stack, "bench_override.tf.json"), JSON.stringify(overrides));
  }
  const cdktf = join(projectRoot(), "node_modules", ".bin", "cdktf");
  const args = ["deploy", "*", "--skip-synth", "--skip-provider-lock", "--auto-approve", "--output", outdir, "--parallelism", String(parallelism)];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cdktf, args, { cwd: projectRoot(), env: { ...environment.env, CI: "1" }, stdio: ["ignore", "ignore", "ignore"], detached: true });
    const peak = child.pid === undefined ? undefined : new PeakPss(child.pid);
    let terraformProcesses = 0;
    let stopped = false;
    const poll = setInterval(() => {
      if (child.pid === undefined) return;
      const tree = peak!.sample();
      terraformProcesses = Math.max(terraformProcesses, tree.filter((pid) => /terraform/.test(commandOf(pid))).length);
      if (peak!.megabytes > guardMegabytes && !stopped) {
        stopped = true;
        process.kill(-child.pid, "SIGKILL");
      }
    }, 100);
    child.on("error", reject);
    child.on("exit", () => {
      clearInterval(poll);
      if (child.pid !== undefined) spawnSync("pkill", ["-KILL", "-g", String(child.pid)]);
      resolve({
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        stacks: stacks.length,
        pssMegabytes: peak?.megabytes ?? 0,
        terraformProcesses,
        stopped,
      });
    });
  });
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/** A fresh output folder with the config synthesized into it. */
export function synthesizedOutput(config: string): string {
  const outdir = mkdtempSync(join(tmpdir(), "cis-bench-deploy-"));
  const result = spawnSync(process.execPath, ["tools/launcher.js", "main.ts"], {
    cwd: projectRoot(),
    encoding: "utf8",
    env: { ...process.env, CIS_CONFIG: config, CDKTF_OUTDIR: outdir },
  });
  if (result.status !== 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(`synth failed:\n${result.stderr}`);
  }
  return outdir;
}
