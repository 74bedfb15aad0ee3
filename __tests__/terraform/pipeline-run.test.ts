import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APPLIED_TAG } from "../../lib/pipeline/github-workflows";
import { offlineOverrides } from "../../lib/terraform/offline";
import { ScratchRepository } from "../../tools/scratch-repository";
import { describeWithTerraform, offlineTerraformEnv, terraformAvailability } from "../support/terraform";
import { JobRun, WorkflowRunner } from "../support/workflow-runner";

jest.setTimeout(600_000);

const ORG = (extra = "") => `backend:
  s3: { bucket: example-org-terraform-state, key_prefix: cis-baseline, region: us-east-1 }
defaults:
  rules: { enable: [root-account-usage, vpc-changes] }
  log_group: { lookup: false }
  regions: [us-east-1, eu-west-1${extra ? ", eu-west-3, us-west-2" : ""}]
  pipeline: { role_name: cis-baseline-github }
  topics:
    alerts:
      severities: [critical, high, medium, low, informational]
      subscriptions: [{ protocol: email, endpoint: security@example.com }]
accounts:
  - { name: alpha, id: "100000000000", region: us-east-1${extra} }
  - { name: beta, id: "100000000001", region: us-east-1, pipeline: { role_arn: "arn:aws:iam::999999999999:role/hub" } }
`;

/** Stand-ins on the PATH: npm ci links node_modules, gh keeps the comment in a file, terraform (when asked) fakes AWS. */
function standIns(): { bin: string; state: string } {
  const bin = mkdtempSync(join(tmpdir(), "cis-bin-"));
  const state = mkdtempSync(join(tmpdir(), "cis-gh-"));
  const npm = spawnSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
  const terraform = spawnSync("bash", ["-c", "command -v terraform"], { encoding: "utf8" }).stdout.trim();
  const scripts: Record<string, string> = {
    npm: `#!/bin/bash
# npm ci: the workspace gets this checkout's installed node_modules (the registry is not needed).
if [ "$1" = ci ]; then ln -s "$CIS_NODE_MODULES" node_modules; echo "npm ci (linked)"; exit 0; fi
exec "${npm}" "$@"
`,
    gh: `#!/bin/bash
echo "gh $*" >> "$GH_STATE/calls"
if [ "$1 $2" = "pr comment" ]; then
  while [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cp "$2" "$GH_STATE/comment.md"; fi; shift; done
  echo 1234 > "$GH_STATE/comment-id"; exit 0
fi
if [ "$1 $2 $3" = "api --method PATCH" ]; then
  case "$4" in */issues/comments/1234) ;; *) echo "gh: no such comment $4" >&2; exit 1 ;; esac
  while [ $# -gt 0 ]; do case "$1" in body=@*) cp "\${1#body=@}" "$GH_STATE/comment.md" ;; esac; shift; done
  echo edited >> "$GH_STATE/edits"; exit 0
fi
if [ "$1" = api ]; then cat "$GH_STATE/comment-id" 2>/dev/null; exit 0; fi
echo "gh stand-in: unexpected $*" >&2; exit 1
`,
    terraform: `#!/bin/bash
# CIS_TERRAFORM_STANDIN=all: no terraform at all (the apply runs); otherwise only apply is faked.
if [ "$CIS_TERRAFORM_STANDIN" != all ] && [ "$1" != apply ]; then exec "${terraform}" "$@"; fi
stack=$(basename "$PWD")
case "$1" in
  init) echo "Terraform has been successfully initialized!" ;;
  plan) for a in "$@"; do case "$a" in -out=*) echo fake > "\${a#-out=}" ;; esac; done; echo "Plan: 3 to add, 0 to change, 0 to destroy."; exit 2 ;;
  show) echo "# fake plan of $stack" ;;
  apply)
    echo "$stack $*" >> "$CIS_APPLY_LOG"
    if [ "$stack" = "$CIS_FAIL_APPLY" ]; then echo "Error: AccessDenied" >&2; exit 1; fi
    [ -f "\${@: -1}" ] || { echo "no plan file \${@: -1}" >&2; exit 1; } ;;
  *) echo "terraform stand-in: $*" >&2; exit 1 ;;
esac
`,
  };
  for (const [name, text] of Object.entries(scripts)) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  return { bin, state };
}

const stepsOf = (run: JobRun) => Object.fromEntries(run.steps.map((step) => [step.name, step.result]));
const failedLogs = (runs: JobRun[]) =>
  runs
    .filter((run) => run.result === "failure")
    .flatMap((run) =>
      run.steps.filter((step) => step.result === "failure").map((step) => `${run.job} ${JSON.stringify(run.matrix)} ${step.name}:\n${step.log}`),
    )
    .join("\n");

/**
 * The generated workflows run here, their scripts by bash and GitHub's expression evaluator:
 * a platform repository's first pull request (real synth, review, check, affected, and a real
 * offline terraform plan of each changed stack) and its merge (applies, with a stand-in for
 * terraform's AWS calls; an account stack that fails holds back its own regional stacks only).
 */
describeWithTerraform("the generated GitHub Actions workflows, run", () => {
  const repo = new ScratchRepository({ "org.yaml": ORG() });
  const { bin, state } = standIns();
  const applyLog = join(state, "applies");
  const runners: WorkflowRunner[] = [];
  afterAll(() => {
    for (const runner of runners) runner.dispose();
    repo.remove();
    rmSync(bin, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  });
  const written = repo.run("lib/commands/pipeline.ts", ["--config", "org.yaml", "--write", ".github/workflows"]);
  if (written.status !== 0) throw new Error(written.stderr);
  // The snapshot beside the config is part of every change (npm run check compares with it).
  const updateSnapshot = () => {
    const result = repo.run("lib/commands/check.ts", ["--config", "org.yaml", "--update"]);
    if (result.status !== 0) throw new Error(result.stderr + result.stdout);
  };
  updateSnapshot();
  const base = repo.commit({}, "the pipeline");
  // The pull request: alpha's VPC alarm retuned, eu-west-3 and us-west-2 added to both accounts (two regional stacks each).
  repo.write({ "org.yaml": ORG(", overrides: { vpc-changes: { alarm: { period: 60 } } }") });
  updateSnapshot();
  const head = repo.commit({}, "retune alpha, add eu-west-3 and us-west-2");
  const env = () => ({
    ...offlineTerraformEnv(),
    PATH: `${bin}:${process.env.PATH}`,
    CIS_NODE_MODULES: join(repo.dir, "node_modules"),
    GH_STATE: state,
    CIS_APPLY_LOG: applyLog,
  });
  const run = (file: string, github: Record<string, unknown>, extraEnv: Record<string, string> = {}, inputs: Record<string, unknown> = {}) => {
    const runner = new WorkflowRunner({
      repository: repo.dir,
      github: { repository: "example-org/platform", run_id: "42", token: "ghs_test", ...github },
      env: { ...env(), ...extraEnv },
      terraformVersion: (terraformAvailability() as { version: string }).version,
      afterDownload: (folder) => {
        for (const stack of readdirSync(folder)) {
          const file = join(folder, stack, "cdk.tf.json");
          if (!existsSync(file)) continue;
          writeFileSync(
            join(folder, stack, "harness_override.tf.json"),
            JSON.stringify(offlineOverrides(JSON.parse(readFileSync(file, "utf8")).provider?.aws ?? [])),
          );
        }
      },
    });
    runners.push(runner);
    return runner.run(file, inputs);
  };
  const pullRequest = {
    event_name: "pull_request",
    sha: head,
    ref_name: "7/merge",
    event: { pull_request: { number: 7, base: { sha: base }, head: { repo: { full_name: "example-org/platform" } } } },
  };

  test("the first pull request: reviewed and commented, then each changed stack planned with its account's role", () => {
    const result = run(".github/workflows/cis-baseline-pull-request.yml", pullRequest);
    expect(failedLogs(result.runs)).toBe("");
    expect(Object.fromEntries(result.jobs)).toEqual({
      review: "success",
      "accounts-0": "success",
      "accounts-0/stack": "success",
      "regional-0": "success",
      "regional-0/stack": "success",
    });
    const review = result.runs.find((job) => job.job === "review")!;
    expect(review.summary).toContain("# CIS baseline review");
    expect(readFileSync(join(state, "comment.md"), "utf8")).toMatch(/^<!-- cis-baseline-review -->\n# CIS baseline review/);

    const stacks = result.runs.filter((job) => job.job === "stack");
    expect(stacks.map((job) => job.matrix!.stack)).toEqual(["alpha", "alpha-regions", "alpha-regions-europe", "beta-regions", "beta-regions-europe"]);
    for (const job of stacks) {
      expect(stepsOf(job)).toMatchObject({ Plan: "success", "Keep the plan": "success", Apply: "skipped", "Wait for the account stack": "skipped" });
      const plan = readFileSync(join(result.artifacts.get(`plan-${job.matrix!.stack}`)!, "plan.txt"), "utf8");
      expect(plan).toContain("will be created");
    }
    expect(readFileSync(join(result.artifacts.get("plan-alpha")!, "plan.txt"), "utf8")).toContain("period                                = 60");
    expect(stacks.map((job) => job.credentials[0].role)).toEqual([
      ...Array(3).fill("arn:aws:iam::100000000000:role/cis-baseline-github"),
      ...Array(2).fill("arn:aws:iam::999999999999:role/hub"),
    ]);
    expect(stacks[0].summary).toMatch(/### alpha\n```\nPlan: \d+ to add, 0 to change, 0 to destroy\.\n```/);
  });

  test("the next push to the pull request edits its comment instead of adding one", () => {
    const result = run(".github/workflows/cis-baseline-pull-request.yml", pullRequest, { CIS_TERRAFORM_STANDIN: "all" });
    expect(failedLogs(result.runs)).toBe("");
    expect(readFileSync(join(state, "edits"), "utf8")).toBe("edited\n");
    expect(readFileSync(join(state, "calls"), "utf8").match(/^gh pr comment/gm)).toHaveLength(1);
  });

  test("the merge: account stacks first; a failed account stack holds back its own regional stacks, and the tag stays", () => {
    repo.git("tag", APPLIED_TAG, base);
    const push = { event_name: "push", sha: head, ref_name: "main", event: { before: base, after: head } };
    const failed = run(".github/workflows/cis-baseline-apply.yml", push, { CIS_TERRAFORM_STANDIN: "all", CIS_FAIL_APPLY: "alpha" });
    if (!failed.jobs.has("accounts-0/stack")) throw new Error(`${JSON.stringify([...failed.jobs])}\n${failedLogs(failed.runs)}`);
    const byStack = Object.fromEntries(failed.runs.filter((job) => job.job === "stack").map((job) => [job.matrix!.stack as string, job]));
    expect(stepsOf(byStack.alpha)).toMatchObject({ Plan: "success", Apply: "failure", "Record the account stack as applied": "skipped" });
    for (const stack of ["alpha-regions", "alpha-regions-europe"])
      expect(stepsOf(byStack[stack])).toMatchObject({ "Wait for the account stack": "failure", Plan: "skipped" });
    for (const stack of ["beta-regions", "beta-regions-europe"])
      expect(stepsOf(byStack[stack])).toMatchObject({ "Wait for the account stack": "skipped", Apply: "success" });
    expect(failed.jobs.get("record")).toBe("skipped");
    expect(repo.git("rev-parse", APPLIED_TAG).trim()).toBe(base);

    // The next run starts from the tag, so alpha's change is applied then, and its regional stacks after it.
    rmSync(applyLog, { force: true });
    const next = run(".github/workflows/cis-baseline-apply.yml", push, { CIS_TERRAFORM_STANDIN: "all" });
    expect(failedLogs(next.runs)).toBe("");
    expect(
      readFileSync(applyLog, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(" ")[0]),
    ).toEqual(["alpha", "alpha-regions", "alpha-regions-europe", "beta-regions", "beta-regions-europe"]);
    expect(next.jobs.get("record")).toBe("success");
    expect(repo.git("rev-parse", APPLIED_TAG).trim()).toBe(head);

    // A push that changes no stack applies nothing and moves the tag on.
    const later = repo.commit({ "NOTES.md": "no stack changes\n" }, "notes");
    const quiet = run(
      ".github/workflows/cis-baseline-apply.yml",
      { ...push, sha: later, event: { before: head, after: later } },
      { CIS_TERRAFORM_STANDIN: "all" },
    );
    expect(Object.fromEntries(quiet.jobs)).toEqual({ affected: "success", "accounts-0": "skipped", "regional-0": "skipped", record: "success" });
    expect(repo.git("rev-parse", APPLIED_TAG).trim()).toBe(later);
  });
});
