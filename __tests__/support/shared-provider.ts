import { ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROVIDER, PROVIDER_VERSION } from "../../lib/terraform/offline";

/**
 * One hashicorp/aws provider process per test worker, started in the provider's debug mode,
 * which terraform attaches to (TF_REATTACH_PROVIDERS) instead of starting its own: most of
 * an offline plan's time is the provider starting. It serves one terraform command at a
 * time (a worker runs its tests one by one), and only commands where that is equivalent:
 * validate and show (schemas only), and plans in which one provider configuration is in use
 * — a single provider process holds one configuration, so plans with aliased providers in
 * use still start their own, as terraform does for users. Killed when the worker exits.
 */
let reattach: string | undefined;
let child: ChildProcess | undefined;

export function sharedProviderReattach(mirror: string): string {
  if (reattach) return reattach;
  const dir = mkdtempSync(join(tmpdir(), "cis-tf-provider-"));
  const platform = join(mirror, PROVIDER, PROVIDER_VERSION, "linux_amd64");
  const binary = join(
    platform,
    readdirSync(platform).find((name) => name.startsWith("terraform-provider-aws"))!,
  );
  const log = join(dir, "stdout");
  const out = openSync(log, "w");
  // Without AWS_CA_BUNDLE: an offline plan makes no TLS connection, and a debug-mode provider
  // cannot apply a custom CA bundle to its (logging) HTTP client, so configuring would fail.
  const env: NodeJS.ProcessEnv = { ...process.env, GOGC: process.env.GOGC ?? "400" };
  delete env.AWS_CA_BUNDLE;
  child = spawn(binary, ["-debug"], { stdio: ["ignore", out, "ignore"], env });
  closeSync(out);
  child.unref();
  // jest may end a worker without an exit event: the run's teardown also stops every provider it finds listed.
  if (process.env.CIS_TEST_RUN && child.pid !== undefined) writeFileSync(join(process.env.CIS_TEST_RUN, `provider-${child.pid}.pid`), String(child.pid));
  process.on("exit", () => {
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });
  // The provider prints the reattach setting once it listens; wait for it without an event loop turn (tests are synchronous).
  const deadline = Date.now() + 60_000;
  for (;;) {
    const match = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(readFileSync(log, "utf8"));
    if (match) return (reattach = match[1]);
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the provider did not start in debug mode:\n${readFileSync(log, "utf8")}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/**
 * Whether a plan of this stack (and state) configures only the default aws provider: every
 * resource, data source and state entry uses it. Declared but unused aliases do not count.
 */
export function singleProviderInUse(stackJson: string, state?: string): boolean {
  const stack = JSON.parse(stackJson) as {
    resource?: Record<string, Record<string, { provider?: string }>>;
    data?: Record<string, Record<string, { provider?: string }>>;
    import?: { provider?: string }[];
  };
  const blocks = [...Object.values(stack.resource ?? {}), ...Object.values(stack.data ?? {})].flatMap((byName) => Object.values(byName));
  if (blocks.some((block) => block.provider !== undefined && block.provider !== "aws")) return false;
  if ((stack.import ?? []).some((block) => block.provider !== undefined && block.provider !== "aws")) return false;
  if (state === undefined) return true;
  const resources = (JSON.parse(state) as { resources?: { provider: string }[] }).resources ?? [];
  return resources.every((resource) => resource.provider === `provider["${PROVIDER}"]`);
}

/** Stops the providers a test run started (global teardown): their pid files are in the run's folder. */
export function stopSharedProviders(runFolder: string): void {
  for (const name of readdirSync(runFolder).filter((file) => /^provider-\d+\.pid$/.test(file))) {
    try {
      process.kill(Number(readFileSync(join(runFolder, name), "utf8")));
    } catch {
      // already gone
    }
  }
}
