import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contents } from "../support/folder-contents";
import { runEntry } from "../support/run";
import { ROOT } from "../support/synth";

/** A config of `count` accounts named <prefix>-NNN: two configs with different prefixes share no stack. */
function organization(prefix: string, count: number): string {
  const dir = mkdtempSync(join(tmpdir(), "cis-org-"));
  const lines = [
    "defaults:",
    "  log_group: { lookup: false }",
    "  topics:",
    "    alerts:",
    "      severities: [critical, high, medium, low, informational]",
    "      subscriptions: [{ protocol: email, endpoint: security@example.com }]",
    "accounts:",
    ...Array.from({ length: count }, (_, i) => `  - { name: ${prefix}-${String(i).padStart(3, "0")}, id: "${200000000000 + i}", region: us-east-1 }`),
  ];
  writeFileSync(join(dir, "config.yaml"), `${lines.join("\n")}\n`);
  return join(dir, "config.yaml");
}

jest.setTimeout(120_000);

const synth = (outdir: string, config: string) => runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: config });

describe("the synth output folder is the user's", () => {
  let parent: string;
  let outdir: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "cis-out-parent-"));
    outdir = join(parent, "cdktf.out");
  });

  test("another project's stack folder beside ours stops the synth, naming it, and nothing changes", () => {
    expect(synth(outdir, "rules/examples/seed-000-002.yaml").status).toBe(0);
    mkdirSync(join(outdir, "stacks", "networking"));
    writeFileSync(join(outdir, "stacks", "networking", "main.tf.json"), "{}");
    const before = contents(outdir);
    const result = synth(outdir, "rules/examples/seed-000-002.yaml");
    expect(result.status).toBe(1);
    // (The seed config's placeholder addresses are warned about first.)
    expect(result.stderr.replace(/^warning: .*\n/gm, "")).toMatch(
      /^error: .*cdktf\.out holds .*stacks\/networking, which this tool did not write; .*nothing was synthesized\.\n$/,
    );
    expect(contents(outdir)).toEqual(before);
  });

  test("an output folder pointed at a folder of tracked files (CDKTF_OUTDIR=__tests__) is refused, its files untouched", () => {
    const fixtures = join(ROOT, "__tests__", "fixtures", "configs");
    const before = contents(fixtures);
    const result = synth(fixtures, "rules/examples/seed-000-002.yaml");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("which this tool did not write");
    expect(contents(fixtures)).toEqual(before);
    expect(readdirSync(join(ROOT, "__tests__", "fixtures")).filter((name) => name.startsWith("."))).toEqual([]);
  });

  test("a write that fails for lack of space (a file size limit) leaves the previous output whole", () => {
    expect(synth(outdir, "rules/examples/seed-000-002.yaml").status).toBe(0);
    const before = contents(outdir);
    // `ulimit -f` makes writes past 30 KiB fail with EFBIG, as a full disk fails them with ENOSPC.
    const result = spawnSync("bash", ["-c", `trap '' XFSZ; ulimit -f 30; exec "${process.execPath}" tools/launcher.js main.ts`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CDKTF_OUTDIR: outdir, CIS_CONFIG: "rules/examples/multi-account.yaml" },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot write the synthesized output: EFBIG.*; the previous output is unchanged/);
    expect(contents(outdir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["cdktf.out"]);
  });

  test("synths killed at any moment leave either the previous output or the new one, whole; the next synth cleans up", async () => {
    const configs = [organization("one", 8), organization("two", 8)];
    const reference = (config: string) => {
      const dir = join(mkdtempSync(join(tmpdir(), "cis-ref-")), "out");
      expect(synth(dir, config).status).toBe(0);
      return JSON.stringify(contents(dir));
    };
    const outputs = configs.map(reference);
    const outcomes: string[] = [];
    const plan: [NodeJS.Signals, number][] = [
      ["SIGKILL", 0],
      ["SIGTERM", 30],
      ["SIGINT", 90],
      ["SIGKILL", 180],
      ["SIGTERM", 300],
      ["SIGKILL", 450],
      ["SIGINT", 700],
    ];
    expect(synth(outdir, configs[0]).status).toBe(0);
    for (const [index, [signal, delay]] of plan.entries()) {
      // Each round replaces the other config's output with this one's.
      const [previous, next] = index % 2 === 0 ? [0, 1] : [1, 0];
      await new Promise<void>((resolve) => {
        const child = spawn(process.execPath, ["tools/launcher.js", "main.ts"], {
          cwd: ROOT,
          env: { ...process.env, CDKTF_OUTDIR: outdir, CIS_CONFIG: configs[next] },
          stdio: "ignore",
        });
        // The clock starts when the new output's folder appears beside the old one.
        const poll = setInterval(() => {
          if (!readdirSync(parent).some((name) => name.startsWith(".cdktf.out.next-"))) return;
          clearInterval(poll);
          setTimeout(() => child.kill(signal), delay);
        }, 2);
        child.on("exit", () => {
          clearInterval(poll);
          resolve();
        });
      });
      const now = JSON.stringify(contents(outdir));
      outcomes.push(`${signal}+${delay}ms: ${now === outputs[previous] ? "previous" : now === outputs[next] ? "new" : "torn"}`);
      expect(synth(outdir, configs[next]).status).toBe(0);
      expect(JSON.stringify(contents(outdir))).toBe(outputs[next]);
      expect(readdirSync(parent)).toEqual(["cdktf.out"]);
    }
    expect(outcomes.filter((outcome) => outcome.endsWith("torn"))).toEqual([]);
    expect(outcomes.some((outcome) => outcome.endsWith("previous"))).toBe(true);
  });

  test("two synths into one folder at once: each finishes or is refused, and the output is one synth's, whole", async () => {
    const configs = [organization("left", 30), organization("right", 30)];
    const results = await Promise.all(
      configs.map(
        (config) =>
          new Promise<{ status: number | null; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, ["tools/launcher.js", "main.ts"], {
              cwd: ROOT,
              env: { ...process.env, CDKTF_OUTDIR: outdir, CIS_CONFIG: config },
            });
            let stderr = "";
            child.stderr.on("data", (chunk) => (stderr += chunk));
            child.on("exit", (status) => resolve({ status, stderr }));
          }),
      ),
    );
    for (const result of results) {
      if (result.status !== 0) expect(result.stderr).toMatch(/another synth \(process \d+\) is writing/);
    }
    expect(results.some((result) => result.status === 0)).toBe(true);
    const stacks = readdirSync(join(outdir, "stacks")).sort();
    const manifest = Object.keys(JSON.parse(contents(outdir)["manifest.json"]).stacks).sort();
    expect(stacks).toEqual(manifest);
    expect(new Set(stacks.map((name) => name.split("-")[0])).size).toBe(1);
    expect(existsSync(join(parent, ".cdktf.out.lock"))).toBe(false);
  });
});
