import { AccountModel, Model } from "../model/model";
import { stacksOf } from "../model/stack-names";

/**
 * GitHub Actions runs at most 256 jobs from one matrix, so the pipeline splits the stacks
 * of a phase into chunks of at most this many, one reusable-workflow call each.
 */
export const MATRIX_LIMIT = 256;

/**
 * One matrix job: a stack, and the account stack it waits for. Only that: GitHub keeps at
 * most 1 MB of outputs per job, and one job hands every chunk on (7,000 stacks at 1,000
 * accounts); the role and region travel with the stack's folder instead (ACCESS_FILE).
 */
export interface MatrixEntry {
  readonly stack: string;
  /** An account stack of this run that must apply first (regional stacks of an affected account). */
  readonly after: string;
}

/** Where a stack job's AWS credentials come from. */
export interface StackAccess {
  /** The IAM role the job assumes by OIDC; empty when a cloud backend's workspace holds the credentials. */
  readonly role: string;
  readonly region: string;
}

/** GitHub's limit on the outputs of one job (the matrix job hands on every chunk). */
export const JOB_OUTPUTS_LIMIT = 1024 * 1024;

/**
 * The file `pipeline matrix --stage` writes into each staged stack folder: `role=` and
 * `region=` lines, which the stack job appends to its step outputs. Not hidden:
 * actions/upload-artifact leaves hidden files out.
 */
export const ACCESS_FILE = "pipeline-access.env";

export function accessFileText(access: StackAccess): string {
  return `role=${access.role}\nregion=${access.region}\n`;
}

/** The two phases of a run, account stacks first, each split into its fixed number of chunks. */
export interface PipelineMatrix {
  readonly accounts: readonly (readonly MatrixEntry[])[];
  readonly regional: readonly (readonly MatrixEntry[])[];
  /** Every stack of the run: its credentials. */
  readonly access: ReadonlyMap<string, StackAccess>;
}

export interface ChunkCounts {
  readonly accounts: number;
  readonly regional: number;
}

export class MatrixError extends Error {}

/**
 * How many chunk calls each phase of the workflows holds: enough for every stack of the
 * config to change at once (a rule pack change does that), at least one.
 */
export function chunkCountsOf(model: Model): ChunkCounts {
  const regional = model.accounts.reduce((sum, account) => sum + account.stacks.regional.length, 0);
  return { accounts: Math.max(1, Math.ceil(model.accounts.length / MATRIX_LIMIT)), regional: Math.max(1, Math.ceil(regional / MATRIX_LIMIT)) };
}

/**
 * The matrix of a run: the `stacks` to plan or apply (all of the config's when "all"), in
 * the config's order, split into `counts` chunks per phase. A regional stack names its
 * account stack in `after` when that one is in the run too, so it applies only once its
 * account stack has.
 */
export function pipelineMatrix(model: Model, stacks: readonly string[] | "all", counts: ChunkCounts): PipelineMatrix {
  const wanted = stacks === "all" ? undefined : new Set(stacks);
  const known = new Set(model.accounts.flatMap((account) => stacksOf(account.stacks)));
  const unknown = stacks === "all" ? [] : stacks.filter((name) => !known.has(name));
  if (unknown.length) throw new MatrixError(`not stacks of this config: ${unknown.join(", ")} (was the affected list made from another config?)`);
  const accountPhase: MatrixEntry[] = [];
  const regionalPhase: MatrixEntry[] = [];
  const access = new Map<string, StackAccess>();
  for (const account of model.accounts) {
    const credentials: StackAccess = { role: roleOf(account, model), region: account.region };
    const entry = (stack: string, after: string): MatrixEntry => {
      access.set(stack, credentials);
      return { stack, after };
    };
    const home = account.stacks.home;
    const homeInRun = wanted === undefined || wanted.has(home);
    if (homeInRun) accountPhase.push(entry(home, ""));
    for (const { name } of account.stacks.regional) if (wanted === undefined || wanted.has(name)) regionalPhase.push(entry(name, homeInRun ? home : ""));
  }
  return { accounts: split(accountPhase, counts.accounts, "account"), regional: split(regionalPhase, counts.regional, "regional"), access };
}

function roleOf(account: AccountModel, model: Model): string {
  if (account.pipeline.roleArn) return account.pipeline.roleArn;
  if (model.backend?.kind === "cloud") return "";
  throw new MatrixError(`account ${account.name} has no pipeline.role_arn or pipeline.role_name`);
}

function split(entries: readonly MatrixEntry[], count: number, phase: string): MatrixEntry[][] {
  if (entries.length > count * MATRIX_LIMIT) {
    throw new MatrixError(
      `${entries.length} ${phase} stacks need ${Math.ceil(entries.length / MATRIX_LIMIT)} chunks of ${MATRIX_LIMIT}, but the workflows have ${count}: the config grew since they were written; run npm run pipeline -- --write again`,
    );
  }
  return Array.from({ length: count }, (_, index) => entries.slice(index * MATRIX_LIMIT, (index + 1) * MATRIX_LIMIT));
}

/** The GitHub output name of a chunk: accounts-0, regional-3. */
export function chunkName(phase: "accounts" | "regional", index: number): string {
  return `${phase}-${index}`;
}
