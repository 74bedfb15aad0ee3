import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { loadConfig } from "../config/load-config";
import { Model } from "../model/model";
import { InvalidInputError, formatProblem } from "../source/problems";
import { describeRefusal, readJson } from "../source/read-json";
import { INPUT_LIMITS, InputRefusal, MiB } from "../source/read-text";
import { projectRoot } from "../source/paths";
import { DEFAULT_MAX_PARALLEL, DEFAULT_RUNS_ON, GENERATED_MARK, githubWorkflows } from "../pipeline/github-workflows";
import { pipelineProblems } from "../pipeline/pipeline-requirements";
import { ACCESS_FILE, ChunkCounts, JOB_OUTPUTS_LIMIT, MatrixError, accessFileText, chunkCountsOf, chunkName, pipelineMatrix } from "../pipeline/stack-matrix";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run --silent pipeline -- --config <file> (--write | --check) <folder> [options]
       npm run --silent pipeline -- matrix --config <file> (--affected <file> | --all) --chunks <a>,<r> [--stage <folder>]

Writes the GitHub Actions workflows that run the config (into .github/workflows):
  cis-baseline-pull-request.yml  on a pull request: synth, the review as job summary and
                                 comment, check, then terraform plan of each changed stack
  cis-baseline-apply.yml         on a merge: apply the stacks changed since the last
                                 fully applied commit, account stacks before regional ones
  cis-baseline-stacks.yml        one chunk of at most 256 stacks, one job per stack
The config needs a backend (s3 or cloud) and, per account, pipeline.role_arn or
pipeline.role_name: the role its jobs assume with GitHub's OIDC token.
  --write <folder>     write the three files (only those: other files stay)
  --check <folder>     exit 1 when the files there are not what the config makes
  --branch <name>      the branch pull requests target and merges apply (default main)
  --max-parallel <n>   stacks planned or applied at once (default ${DEFAULT_MAX_PARALLEL})
  --runs-on <label>    runner label (default ${DEFAULT_RUNS_ON})
matrix (run by the workflows): the affected stacks (npm run affected -- --json) as GitHub
outputs accounts-<i>=<json> and regional-<i>=<json>, one per chunk; --stage copies each
chunk's stack folders from cdktf.out/stacks into <folder>/<chunk>/.
Exit status: 0 done, 1 --check found a difference, 2 usage or a config the pipeline cannot run.`;

const NAME = /^[A-Za-z0-9._][A-Za-z0-9._/-]*$/;

export function pipelineCommand(argv: string[], out: Output): number {
  if (argv[0] === "matrix") return matrixCommand(argv.slice(1), out);
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: "string" },
      write: { type: "string" },
      check: { type: "string" },
      branch: { type: "string", default: "main" },
      "max-parallel": { type: "string", default: String(DEFAULT_MAX_PARALLEL) },
      "runs-on": { type: "string", default: DEFAULT_RUNS_ON },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { config?: string; write?: string; check?: string; branch: string; "max-parallel": string; "runs-on": string };
  if (parsed.positionals.length) return usageError(out, `unexpected argument ${parsed.positionals[0]}`, USAGE);
  if (options.config === undefined) return usageError(out, "--config <file> is required: the config the workflows run", USAGE);
  if ((options.write === undefined) === (options.check === undefined)) return usageError(out, "give --write <folder> or --check <folder>", USAGE);
  const maxParallel = Number(options["max-parallel"]);
  if (!Number.isInteger(maxParallel) || maxParallel < 1 || maxParallel > 256)
    return usageError(out, "--max-parallel takes a whole number from 1 to 256", USAGE);
  // Names that go into the workflows' YAML and scripts: plain ones only, so none becomes an expression or code.
  for (const [flag, value] of [
    ["--branch", options.branch],
    ["--runs-on", options["runs-on"]],
  ]) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/.test(value)) return usageError(out, `${flag} ${JSON.stringify(value)}: letters, digits and ._/- only`, USAGE);
  }
  const config = repositoryPath(options.config);
  if (typeof config !== "string") return usageError(out, config.error, USAGE);
  const folder = (options.write ?? options.check)!;
  const folderInRepository = repositoryPath(folder);
  if (typeof folderInRepository !== "string") return usageError(out, folderInRepository.error, USAGE);
  const model = loadForPipeline(options.config, out);
  if (!model) return 2;
  const workflows = githubWorkflows(model, chunkCountsOf(model), {
    config,
    folder: folderInRepository,
    branch: options.branch,
    maxParallel,
    runsOn: options["runs-on"],
  });
  return options.write !== undefined ? writeWorkflows(folder, workflows, out) : checkWorkflows(folder, workflows, out);
}

/** A path relative to the repository root, in the form a workflow names it. */
function repositoryPath(path: string): string | { error: string } {
  const inside = relative(projectRoot(), resolve(path));
  if (!inside || inside.startsWith("..") || isAbsolute(inside)) return { error: `${path} is not inside this repository (${projectRoot()})` };
  const posix = inside.split(sep).join("/");
  if (!NAME.test(posix)) return { error: `${path}: a path the workflows name may hold only letters, digits and ._/-` };
  return posix;
}

function loadForPipeline(configFile: string, out: Output): Model | undefined {
  try {
    const { model } = loadConfig(configFile);
    const problems = pipelineProblems(model, configFile);
    if (problems.length) {
      out.error(`${problems.map(formatProblem).join("\n")}\n`);
      return undefined;
    }
    return model;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    out.error(`error: the config does not load:\n${error.message}\n`);
    return undefined;
  }
}

function writeWorkflows(folder: string, workflows: ReadonlyMap<string, string>, out: Output): number {
  // Refuse before writing anything: a file of the same name that this command did not write is the user's.
  for (const name of workflows.keys()) {
    const file = join(folder, name);
    if (existsSync(file) && !(statSync(file).isFile() && readFileSync(file, "utf8").includes(GENERATED_MARK))) {
      out.error(`error: ${file} exists and was not written by npm run pipeline; move it away first\n`);
      return 2;
    }
  }
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of workflows) {
    const file = join(folder, name);
    const staged = join(folder, `.${name}.next-${process.pid}`);
    writeFileSync(staged, text);
    renameSync(staged, file);
    out.write(`wrote ${file}\n`);
  }
  return 0;
}

function checkWorkflows(folder: string, workflows: ReadonlyMap<string, string>, out: Output): number {
  const stale = [...workflows].filter(([name, text]) => {
    const file = join(folder, name);
    return !existsSync(file) || !statSync(file).isFile() || readFileSync(file, "utf8") !== text;
  });
  for (const [name] of stale) out.error(`${join(folder, name)} is not what the config makes\n`);
  if (stale.length) {
    out.error("run npm run --silent pipeline -- with the same options and --write instead of --check, and commit the result\n");
    return 1;
  }
  out.write(`${workflows.size} workflows in ${folder} are current\n`);
  return 0;
}

const MATRIX_USAGE = USAGE;

function matrixCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: "string" },
      affected: { type: "string" },
      all: { type: "boolean" },
      chunks: { type: "string" },
      stage: { type: "string" },
      synth: { type: "string" },
    },
    MATRIX_USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { config?: string; affected?: string; all?: boolean; chunks?: string; stage?: string; synth?: string };
  if (parsed.positionals.length) return usageError(out, `unexpected argument ${parsed.positionals[0]}`, MATRIX_USAGE);
  if (options.config === undefined) return usageError(out, "--config <file> is required", MATRIX_USAGE);
  if ((options.affected === undefined) === !options.all) return usageError(out, "give --affected <file> or --all", MATRIX_USAGE);
  const chunks = /^([1-9][0-9]{0,3}),([1-9][0-9]{0,3})$/.exec(options.chunks ?? "");
  if (!chunks) return usageError(out, "--chunks <account chunks>,<regional chunks> is required (the workflows pass it)", MATRIX_USAGE);
  const counts: ChunkCounts = { accounts: Number(chunks[1]), regional: Number(chunks[2]) };
  const model = loadForPipeline(options.config, out);
  if (!model) return 2;
  try {
    const stacks = options.all ? "all" : affectedStacks(options.affected!);
    const matrix = pipelineMatrix(model, stacks, counts);
    const phases = [
      ["accounts", matrix.accounts],
      ["regional", matrix.regional],
    ] as const;
    if (options.stage !== undefined) {
      const synth = options.synth ?? (process.env.CDKTF_OUTDIR || "cdktf.out");
      if (existsSync(options.stage) && readdirSync(options.stage).length)
        throw new MatrixError(`${options.stage} exists and is not empty: stage into a new folder`);
      for (const [phase, list] of phases) {
        list.forEach((entries, index) => {
          for (const { stack } of entries) {
            const from = join(synth, "stacks", stack);
            if (!existsSync(join(from, "cdk.tf.json"))) throw new MatrixError(`${from}/cdk.tf.json not found: synthesize first (npm run synth)`);
            const staged = join(options.stage!, chunkName(phase, index), stack);
            cpSync(from, staged, { recursive: true });
            writeFileSync(join(staged, ACCESS_FILE), accessFileText(matrix.access.get(stack)!));
          }
        });
      }
    }
    const outputs = phases.flatMap(([phase, list]) => list.map((entries, index) => `${chunkName(phase, index)}=${JSON.stringify(entries)}\n`)).join("");
    if (Buffer.byteLength(outputs) > JOB_OUTPUTS_LIMIT)
      throw new MatrixError(
        `the matrix of ${matrix.access.size} stacks is ${Buffer.byteLength(outputs)} bytes, more than the ${JOB_OUTPUTS_LIMIT} bytes of outputs GitHub keeps for a job`,
      );
    out.write(outputs);
    return 0;
  } catch (error) {
    if (error instanceof InputRefusal) {
      out.error(`error: ${describeRefusal(options.affected!, error)}\n`);
      return 2;
    }
    if (!(error instanceof MatrixError)) throw error;
    out.error(`error: ${error.message}\n`);
    return 2;
  }
}

/** The stack names of `npm run affected -- --json`, checked. */
function affectedStacks(file: string): string[] {
  const value = readJson(file, 16 * MiB, INPUT_LIMITS.depth) as { stacks?: unknown };
  const stacks = typeof value === "object" && value !== null ? value.stacks : undefined;
  if (!Array.isArray(stacks)) throw new MatrixError(`${file}: not the output of npm run affected -- --json (no "stacks" list)`);
  return stacks.map((entry: { name?: unknown }, index) => {
    if (typeof entry?.name !== "string") throw new MatrixError(`${file}: stacks[${index}] has no name`);
    return entry.name;
  });
}

if (require.main === module) process.exitCode = pipelineCommand(process.argv.slice(2), processOutput);
