import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runEntry } from "../support/run";
import { MINIMAL, tempFiles } from "../support/temp-config";
import { cdktfSynth } from "../support/cdktf-cli";
import { loadModel } from "../support/synth";
import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { buildApp } from "../../lib/synth/app";
import { loadConfig } from "../../lib/config/load-config";
import { RECORD_FILE } from "../../lib/output/output-folder";
import { BATCH_ACCOUNTS, PARALLEL_FROM_ACCOUNTS } from "../../lib/synth/synth-in-parallel";

/** Snapshot of a folder: relative path -> contents. */
function folderContents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const item of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = join(sub, item.name);
      if (item.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), "utf8");
    }
  };
  walk("");
  return out;
}

describe("main.ts (the cdktf app)", () => {
  let outdir: string;
  beforeEach(() => {
    outdir = mkdtempSync(join(tmpdir(), "cis-out-"));
  });

  // Whatever the user made of rules/default.yaml: it is what synth reads when CIS_CONFIG is unset.
  test("synthesizes rules/default.yaml when CIS_CONFIG is unset: an account stack and six regional stacks per account", () => {
    const result = runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: "" });
    expect(result.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    const expected = loadModel("rules/default.yaml").accounts.flatMap((account) => stacksOf(account.stacks));
    expect(Object.keys(manifest.stacks).sort()).toEqual(expected.sort());
  });

  test("CIS_CONFIG picks another config", () => {
    const result = runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: "rules/examples/seed-000-002.yaml" });
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(stacksOf(stackNamesOf("seed-000-002", "aws")).sort());
    const stack = JSON.parse(readFileSync(join(outdir, "stacks", "seed-000-002", "cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.resource.aws_cloudwatch_metric_alarm)).toEqual(["seed_iam_policy_change", "seed_s3_bucket_policy_change"]);
  });

  test.each([
    ["a YAML syntax error", "accounts: [\n", /config\.yaml:2:1: YAML syntax error/],
    ["a typo'd key", MINIMAL.replace("log_group:", "log_grup:"), /config\.yaml:8:3: defaults\.log_grup: unknown key "log_grup" \(did you mean "log_group"\?\)/],
    [
      "an unknown rule id",
      MINIMAL.replace("  log_group:", "  rules: { enable: [root-usage] }\n  log_group:"),
      /defaults\.rules\.enable\[0\]: unknown rule id "root-usage"/,
    ],
    ["a wrong type", MINIMAL.replace("lookup: false", "lookup: 3"), /defaults\.log_group\.lookup: expected boolean, got integer 3/],
  ])("%s exits 1 with a located message and leaves the earlier output untouched", (_, config, message) => {
    writeFileSync(join(outdir, "manifest.json"), "earlier output");
    const before = folderContents(outdir);
    const dir = tempFiles({ "config.yaml": config });
    const result = runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: join(dir, "config.yaml") });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: \d+ problems? in the configuration; nothing was synthesized\.\n/);
    expect(result.stderr).toMatch(message);
    expect(folderContents(outdir)).toEqual(before);
  });

  test("a missing config file exits 1 naming the file", () => {
    const result = runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: "/nonexistent/cis.yaml" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("/nonexistent/cis.yaml:1:1: file not found");
    expect(readdirSync(outdir)).toEqual([]);
  });
});

describe("the fast path", () => {
  test("npm run synth writes byte for byte what cdktf synth writes", () => {
    const viaCli = cdktfSynth("rules/examples/multi-account.yaml", false);
    const outdir = mkdtempSync(join(tmpdir(), "cis-out-"));
    expect(runEntry("main.ts", [], { CDKTF_OUTDIR: outdir, CIS_CONFIG: "rules/examples/multi-account.yaml" }).status).toBe(0);
    for (const [name, text] of viaCli) expect(readFileSync(join(outdir, "stacks", name, "cdk.tf.json"), "utf8")).toBe(text);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual([...viaCli.keys()].sort());
  });

  test("a large organization, synthesized on every core in batches of accounts, writes byte for byte what one App writes", () => {
    const accounts = 2 * BATCH_ACCOUNTS + PARALLEL_FROM_ACCOUNTS;
    const config = `${MINIMAL.slice(0, MINIMAL.indexOf("accounts:"))}accounts:\n${Array.from(
      { length: accounts },
      (_, i) => `  - { name: org-${String(i).padStart(3, "0")}, id: "${100000000000 + i}", region: us-east-1 }`,
    ).join("\n")}\n`;
    const dir = tempFiles({ "org.yaml": config });
    const parallel = join(mkdtempSync(join(tmpdir(), "cis-out-")), "out");
    const result = runEntry("main.ts", [], { CDKTF_OUTDIR: parallel, CIS_CONFIG: join(dir, "org.yaml") });
    expect(result.status).toBe(0);
    // One warning, for the placeholder address in defaults that every account inherits (given once, not per account).
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^warning: .*org\.yaml:7:40: defaults\.topics\.alerts\.subscriptions\[0\]\.endpoint: sec@example\.com is a placeholder/),
    ]);
    // Under jest the app is not a bundle, so it synthesizes on this thread, in one App.
    const single = join(mkdtempSync(join(tmpdir(), "cis-out-")), "out");
    buildApp(loadConfig(join(dir, "org.yaml")).model, { outdir: single }).synth();
    const expected = folderContents(single);
    expect(Object.keys(expected).filter((path) => path.endsWith("cdk.tf.json"))).toHaveLength(accounts * 7);
    const written = folderContents(parallel);
    delete written[RECORD_FILE];
    expect(written).toEqual(expected);
  });
});
