import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROVIDER, PROVIDER_VERSION } from "../../lib/terraform/offline";
import { PlanEnvironment, inInitializedCopy } from "./plan-cost";

/**
 * Whether a stack plans on a runner whose memory is limited, as a container runtime limits a
 * CI job or a Terraform Enterprise run: `terraform plan` inside a memory cgroup. Summed PSS
 * counts every page terraform and its providers map, among them about 380 MB of the
 * provider binary's own pages; under a limit the kernel may drop those (they are read from
 * the file again), and that costs time, not the run. So what a runner of a given size
 * experiences is measured directly: the provider is copied into the stack's folder from
 * inside the cgroup, as a runner's `terraform init` downloads it, so its page cache is
 * charged to the run, and then the plan runs under the limit. It passes when it succeeds in
 * at most MAX_SLOWDOWN times the seconds it took without a limit. Under too small a limit
 * the kernel does not stop the plan: it keeps re-reading the binary (30 times slower at
 * 600 MiB, no end in sight at 200), so a plan is stopped at a deadline.
 *
 * Needs a writable cgroup v1 memory controller (root on a Linux machine or VM); elsewhere
 * the benchmark says it did not measure.
 */
export const MAX_SLOWDOWN = 2;

export interface LimitedPlan {
  readonly seconds: number;
  /** Exited 0 under the limit (a killed provider fails the plan). */
  readonly succeeded: boolean;
  /** Stopped at the deadline, still running. */
  readonly stopped: boolean;
}

const CGROUP_MEMORY = "/sys/fs/cgroup/memory";

/** The cgroup v1 memory controller's folder when this process may create groups in it. */
export function memoryCgroupRoot(): string | undefined {
  try {
    accessSync(join(CGROUP_MEMORY, "tasks"), constants.W_OK);
    return CGROUP_MEMORY;
  } catch {
    return undefined;
  }
}

/**
 * Plans a stack (JSON text) offline under a memory limit of `limitMiB`, stopped after
 * `deadlineSeconds`; init and the provider copy are not timed.
 */
export async function planWithinLimit(
  stackJson: string,
  environment: PlanEnvironment,
  cgroupRoot: string,
  limitMiB: number,
  deadlineSeconds: number,
): Promise<LimitedPlan> {
  return inInitializedCopy(stackJson, environment, async (dir) => {
    const group = join(cgroupRoot, `cis-bench-${process.pid}`);
    try {
      // init links the provider from the mirror (or copies it outside the group); put it back from inside the group.
      const installed = join(dir, ".terraform", "providers", PROVIDER, PROVIDER_VERSION, "linux_amd64");
      const source = realpathSync(installed);
      if (source.startsWith(dir)) throw new Error(`terraform init copied the provider into ${dir}: give the benchmark a provider mirror`);
      rmSync(installed, { recursive: true, force: true });
      mkdirSync(group);
      writeFileSync(join(group, "memory.limit_in_bytes"), String(limitMiB * 1024 * 1024));
      const tasks = join(group, "tasks");
      // Arguments reach the shell as positional parameters, never as script text.
      const copy = spawnSync("sh", ["-c", 'echo $$ > "$1" && exec cp -R "$2" "$3"', "sh", tasks, source, installed], { encoding: "utf8" });
      if (copy.status !== 0) throw new Error(`copying the provider inside the memory limit failed:\n${copy.stderr}`);
      return await timedPlan(dir, environment.env, tasks, deadlineSeconds);
    } finally {
      if (existsSync(group)) await removeGroup(group);
    }
  });
}

/** Removes a cgroup once the processes stopped with its plan (its providers) have exited. */
async function removeGroup(group: string): Promise<void> {
  for (let attempt = 0; readFileSync(join(group, "tasks"), "utf8").trim() !== "" && attempt < 100; attempt++)
    await new Promise((done) => setTimeout(done, 100));
  rmdirSync(group);
}

function timedPlan(dir: string, env: NodeJS.ProcessEnv, tasks: string, deadlineSeconds: number): Promise<LimitedPlan> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // A process group of its own, so that the deadline stops terraform and its providers together.
    const child = spawn("sh", ["-c", 'echo $$ > "$1" && exec terraform plan -input=false -no-color -lock=false -refresh=false', "sh", tasks], {
      cwd: dir,
      env,
      stdio: "ignore",
      detached: true,
    });
    let stopped = false;
    const deadline = setTimeout(() => {
      stopped = true;
      process.kill(-child.pid!, "SIGKILL");
    }, deadlineSeconds * 1000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(deadline);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, succeeded: code === 0 && !stopped, stopped });
    });
  });
}

/** How a limited plan compares with the same plan unlimited: the table cell. */
export function limitVerdict(limited: LimitedPlan, unlimitedSeconds: number): { passed: boolean; text: string } {
  if (limited.stopped) return { passed: false, text: `no: stopped after ${limited.seconds.toFixed(0)} s` };
  if (!limited.succeeded) return { passed: false, text: "no: the plan failed" };
  const slowdown = limited.seconds / unlimitedSeconds;
  const passed = slowdown <= MAX_SLOWDOWN;
  return { passed, text: `${passed ? "yes" : "no"}: ${limited.seconds.toFixed(2)} s, ${slowdown.toFixed(2)}×` };
}
