import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { actionlint } from "../support/actionlint";
import { ScratchRepository } from "../../tools/scratch-repository";
import { loadConfig } from "../../lib/config/load-config";
import { JOB_OUTPUTS_LIMIT, pipelineMatrix } from "../../lib/pipeline/stack-matrix";

jest.setTimeout(180_000);

const BACKEND = "backend:\n  s3: { bucket: example-org-terraform-state, key_prefix: cis-baseline, region: us-east-1 }\n";

/** The shipped default config as a platform team starts from it: plus remote state and the pipeline's role. */
function defaultForPipeline(text: string): string {
  return BACKEND + text.replace("defaults:\n", "defaults:\n  pipeline:\n    role_arn: arn:aws:iam::123456789012:role/cis-baseline-github\n");
}

function organization(accounts: number): string {
  return [
    BACKEND,
    "defaults:",
    "  log_group: { lookup: false }",
    "  pipeline: { role_name: cis-baseline-github }",
    "  topics:",
    "    alerts:",
    "      severities: [critical, high, medium, low, informational]",
    "      subscriptions: [{ protocol: email, endpoint: security-team@example.com }]",
    "accounts:",
    ...Array.from({ length: accounts }, (_, i) => `  - { name: account-${String(i).padStart(4, "0")}, id: "${100000000000 + i}", region: us-east-1 }`),
    "",
  ].join("\n");
}

/** npm run pipeline in a platform repository of its own: the workflows, linted, and what it refuses. */
describe("npm run pipeline", () => {
  const repo = new ScratchRepository({});
  afterAll(() => repo.remove());
  const defaultText = readFileSync(join(repo.dir, "rules/default.yaml"), "utf8");
  repo.write({ "default-pipeline.yaml": defaultForPipeline(defaultText), "org-1000.yaml": organization(1000) });
  const pipeline = (args: string[]) => repo.run("lib/commands/pipeline.ts", args);
  const generate = (config: string, folder: string) => {
    const result = pipeline(["--config", config, "--write", folder]);
    if (result.status !== 0) throw new Error(result.stderr);
    return new Map(readdirSync(join(repo.dir, folder)).map((name) => [name, readFileSync(join(repo.dir, folder, name), "utf8")]));
  };

  test.each([
    ["the default config (with a backend and a role)", "default-pipeline.yaml", 1, 1],
    ["rules/examples/multi-account.yaml", "rules/examples/multi-account.yaml", 1, 1],
    ["rules/examples/control-tower.yaml", "rules/examples/control-tower.yaml", 1, 1],
    ["1,000 accounts", "org-1000.yaml", 4, 24],
  ])("%s: three workflows that actionlint passes, one chunk call per 256 stacks of each phase", async (_, config, accountChunks, regionalChunks) => {
    const files = generate(config, `out-${config.replace(/\W/g, "-")}`);
    expect([...files.keys()].sort()).toEqual(["cis-baseline-apply.yml", "cis-baseline-pull-request.yml", "cis-baseline-stacks.yml"]);
    expect(await actionlint(files)).toEqual([]);
    for (const name of ["cis-baseline-pull-request.yml", "cis-baseline-apply.yml"]) {
      const jobs = (parse(files.get(name)!) as { jobs: Record<string, { uses?: string }> }).jobs;
      const calls = Object.entries(jobs).filter(([, job]) => job.uses);
      expect(calls.map(([id]) => id)).toEqual([
        ...Array.from({ length: accountChunks }, (_, i) => `accounts-${i}`),
        ...Array.from({ length: regionalChunks }, (_, i) => `regional-${i}`),
      ]);
    }
    const stacks = parse(files.get("cis-baseline-stacks.yml")!) as { jobs: { stack: { strategy: Record<string, unknown>; concurrency: { group: string } } } };
    expect(stacks.jobs.stack.strategy["max-parallel"]).toBe(20);
    expect(stacks.jobs.stack.concurrency.group).toContain("${{ matrix.stack }}");
    expect(files.get("cis-baseline-stacks.yml")).toContain("terraform_version: 1.11.4");
  });

  test("an HCP Terraform or Terraform Enterprise backend: the token from a secret, AWS credentials only where a role is given", async () => {
    repo.write({
      "cloud.yaml": organization(2)
        .replace(BACKEND, "backend:\n  cloud: { organization: example-org, hostname: tfe.example-org.com }\n")
        .replace("  pipeline: { role_name: cis-baseline-github }\n", ""),
    });
    const files = generate("cloud.yaml", "out-cloud");
    expect(await actionlint(files)).toEqual([]);
    expect(files.get("cis-baseline-stacks.yml")).toContain("TF_TOKEN_tfe_example__org_com: ${{ secrets.TF_API_TOKEN }}");
    const matrix = pipeline(["matrix", "--config", "cloud.yaml", "--all", "--chunks", "1,1"]);
    expect(matrix.stdout).toContain('{"stack":"account-0000","after":""}');
    expect(pipelineMatrix(loadConfig(join(repo.dir, "cloud.yaml")).model, "all", { accounts: 1, regional: 1 }).access.get("account-0000")).toEqual({
      role: "",
      region: "us-east-1",
    });
  });

  test("a typo in a generated workflow is what actionlint reports", async () => {
    const files = generate("rules/examples/multi-account.yaml", "out-typo");
    const broken = new Map(files);
    broken.set("cis-baseline-stacks.yml", files.get("cis-baseline-stacks.yml")!.replace("steps.plan.outputs.changes", "steps.plann.outputs.changes"));
    broken.set("cis-baseline-apply.yml", files.get("cis-baseline-apply.yml")!.replace("      phase: accounts\n", "      phaze: accounts\n"));
    const problems = await actionlint(broken);
    expect(problems.some((line) => line.startsWith("cis-baseline-stacks.yml:") && line.includes('"plann"'))).toBe(true);
    expect(problems).toContain("cis-baseline-apply.yml: job accounts-0 passes phaze, which ./.github/workflows/cis-baseline-stacks.yml does not declare");
  });

  test("1,000 accounts: every stack in exactly one chunk, none with more than 256, each regional stack after its account stack", () => {
    const result = pipeline(["matrix", "--config", "org-1000.yaml", "--all", "--chunks", "4,24"]);
    expect(result.status).toBe(0);
    const chunks = new Map(
      result.stdout
        .trim()
        .split("\n")
        .map((line) => [line.slice(0, line.indexOf("=")), JSON.parse(line.slice(line.indexOf("=") + 1))]),
    );
    expect([...chunks.keys()]).toHaveLength(28);
    const all = [...chunks.values()].flat() as { stack: string; after: string }[];
    expect(all).toHaveLength(7000);
    expect(new Set(all.map((entry) => entry.stack)).size).toBe(7000);
    expect(Math.max(...[...chunks.values()].map((chunk) => chunk.length))).toBeLessThanOrEqual(256);
    expect(all.find((entry) => entry.stack === "account-0007-regions-apac-south")).toEqual({ stack: "account-0007-regions-apac-south", after: "account-0007" });
    // One job hands every chunk on, and GitHub keeps at most 1 MB of a job's outputs.
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(JOB_OUTPUTS_LIMIT / 2);
    expect(pipeline(["matrix", "--config", "org-1000.yaml", "--all", "--chunks", "3,24"]).stderr).toBe(
      "error: 1000 account stacks need 4 chunks of 256, but the workflows have 3: the config grew since they were written; run npm run pipeline -- --write again\n",
    );
  });

  test("the shipped default config: refused with what it lacks, at its lines; nothing written", () => {
    const result = pipeline(["--config", "rules/default.yaml", "--write", "out-refused"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^rules\/default\.yaml:1:1: backend: a pipeline needs remote state/);
    expect(result.stderr).toMatch(/rules\/default\.yaml:\d+:5: accounts\[0\]\.pipeline: account main: the pipeline's jobs need a role to assume by OIDC/);
    expect(existsSync(join(repo.dir, "out-refused"))).toBe(false);
  });

  test("roles: an account's own choice wins over defaults; role_name needs the id; both on one side is refused", () => {
    const config = (accounts: string) => `${BACKEND}defaults:
  log_group: { lookup: false }
  pipeline: { role_arn: "arn:aws:iam::999999999999:role/hub" }
  topics: { alerts: { severities: [critical, high, medium, low, informational], subscriptions: [{ protocol: email, endpoint: s@example.com }] } }
accounts:
${accounts}`;
    repo.write({
      "roles.yaml": config(`  - { name: alpha, id: "111111111111", region: us-east-1, pipeline: { role_name: own } }
  - { name: beta, region: us-east-1 }
  - { name: gamma, region: cn-north-1, pipeline: { role_arn: "arn:aws-cn:iam::222222222222:role/cn" } }
`),
      "bad-roles.yaml": config(`  - { name: alpha, region: us-east-1, pipeline: { role_name: own } }
  - { name: beta, id: "111111111111", region: us-east-1, pipeline: { role_name: a, role_arn: "arn:aws:iam::111111111111:role/b" } }
  - { name: gamma, region: cn-north-1, pipeline: { role_arn: "arn:aws:iam::222222222222:role/cn" } }
`),
    });
    expect(pipeline(["matrix", "--config", "roles.yaml", "--all", "--chunks", "1,1"]).stderr).toBe("");
    const { access } = pipelineMatrix(loadConfig(join(repo.dir, "roles.yaml")).model, "all", { accounts: 1, regional: 1 });
    const roles = Object.fromEntries([...access].map(([stack, { role }]) => [stack, role]));
    expect(roles).toMatchObject({
      alpha: "arn:aws:iam::111111111111:role/own",
      beta: "arn:aws:iam::999999999999:role/hub",
      "gamma-regions": "arn:aws-cn:iam::222222222222:role/cn",
    });
    const refused = pipeline(["matrix", "--config", "bad-roles.yaml", "--all", "--chunks", "1,1"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      "bad-roles.yaml:8:62: accounts[0].pipeline.role_name: pipeline.role_name names a role in the account, so the account needs its id (or give pipeline.role_arn)",
    );
    expect(refused.stderr).toContain("accounts[1].pipeline.role_name: give pipeline.role_arn or pipeline.role_name, not both");
    expect(refused.stderr).toContain("accounts[2].pipeline.role_arn: the account's home region is in partition aws-cn, so its role is arn:aws-cn:iam::…");
  });

  test("--write replaces only its own files; a user's file of the same name stays; --check finds a stale file", () => {
    mkdirSync(join(repo.dir, "mine"), { recursive: true });
    writeFileSync(join(repo.dir, "mine", "deploy.yml"), "on: push\n");
    generate("rules/examples/multi-account.yaml", "mine");
    expect(readFileSync(join(repo.dir, "mine", "deploy.yml"), "utf8")).toBe("on: push\n");
    expect(pipeline(["--config", "rules/examples/multi-account.yaml", "--check", "mine"]).status).toBe(0);

    const file = join(repo.dir, "mine", "cis-baseline-stacks.yml");
    writeFileSync(file, readFileSync(file, "utf8").replace("max-parallel: 20", "max-parallel: 200"));
    const check = pipeline(["--config", "rules/examples/multi-account.yaml", "--check", "mine"]);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("mine/cis-baseline-stacks.yml is not what the config makes");
    // Other options make other workflows: the check runs with the options they were written with.
    expect(pipeline(["--config", "rules/examples/multi-account.yaml", "--max-parallel", "5", "--write", "mine"]).status).toBe(0);
    expect(readFileSync(join(repo.dir, "mine", "cis-baseline-pull-request.yml"), "utf8")).toContain("--max-parallel 5 --check mine");

    writeFileSync(join(repo.dir, "mine", "cis-baseline-apply.yml"), "name: hand-written\n");
    const refused = pipeline(["--config", "rules/examples/multi-account.yaml", "--write", "mine"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe("error: mine/cis-baseline-apply.yml exists and was not written by npm run pipeline; move it away first\n");
    expect(readFileSync(join(repo.dir, "mine", "cis-baseline-apply.yml"), "utf8")).toBe("name: hand-written\n");
  });

  test.each([
    [["--config", "rules/examples/multi-account.yaml", "--write", "x", "--runs-on", "ubuntu-latest ${{ secrets.X }}"], "--runs-on"],
    [["--config", "rules/examples/multi-account.yaml", "--write", "x", "--branch", "$(id)"], "--branch"],
    [["--config", "/etc/hostname", "--write", "x"], "is not inside this repository"],
    [["--config", "rules/examples/multi-account.yaml", "--write", "x", "--max-parallel", "0"], "--max-parallel"],
    [["--config", "rules/examples/multi-account.yaml", "--write", "x", "--chek", "x"], "--chek"],
    [["--config", "rules/examples/multi-account.yaml"], "give --write <folder> or --check <folder>"],
  ])("refuses %j (exit 2, nothing written)", (args, message) => {
    const result = pipeline(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(repo.dir, "x"))).toBe(false);
  });

  test("matrix: an affected list it cannot read, or from another config, or a stage folder in use", () => {
    repo.write({ "broken.json": '{"stacks": [{"name": "management"}, ]}', "other.json": '{"stacks": [{"name": "nobody"}]}' });
    const args = ["matrix", "--config", "rules/examples/multi-account.yaml", "--chunks", "1,1"];
    expect(pipeline([...args, "--affected", "broken.json"]).stderr).toMatch(/^error: broken\.json:1:\d+: not valid JSON/);
    expect(pipeline([...args, "--affected", "other.json"]).stderr).toBe(
      "error: not stacks of this config: nobody (was the affected list made from another config?)\n",
    );
    mkdirSync(join(repo.dir, "stage-in-use"), { recursive: true });
    writeFileSync(join(repo.dir, "stage-in-use", "keep.txt"), "mine");
    const staged = pipeline([...args, "--all", "--stage", "stage-in-use"]);
    expect(staged.stderr).toBe("error: stage-in-use exists and is not empty: stage into a new folder\n");
    expect(readFileSync(join(repo.dir, "stage-in-use", "keep.txt"), "utf8")).toBe("mine");
  });
});
