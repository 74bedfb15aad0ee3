import { ChangeSet, ResourceChange, StackChange } from "../../lib/review/change-set";
import { renderReview } from "../../lib/review/markdown";
import { changesFromPlan } from "../../lib/review/plan-input";
import { predictChanges } from "../../lib/review/predict";
import { StackJson } from "../../lib/terraform/stack-json";
import { runCached } from "./run-cache";
import { synthConfigText } from "./synth-config";
import { stateFromPlan } from "./state-from-plan";
import { PlanJson, StreamedChange, inWorkingCopy, mustSucceed, planJson, planStream } from "./terraform";

/**
 * The day-2 harness: a deployed config A (planned offline, its plan turned into the state
 * an apply would leave) and, for any config B, terraform's own plan of B against that
 * state next to the review's prediction of it. Stacks whose JSON did not change are not
 * planned: the same config against its own state plans nothing (the "unchanged" case of
 * the matrix proves that for both stacks).
 */
export type ConfigFiles = Record<string, string> & { "config.yaml": string };

export interface Deployed {
  readonly stacks: ReadonlyMap<string, string>;
  /** The state a stack's apply would leave; planned on first use, once per test run. */
  state(stack: string): string | undefined;
}

export function deploy(files: ConfigFiles): Deployed {
  const stacks = synthConfigFiles(files);
  return {
    stacks,
    state: (stack) => {
      const json = stacks.get(stack);
      if (json === undefined) return undefined;
      return runCached("state", json, () =>
        stateFromPlan(
          inWorkingCopy({ "cdk.tf.json": json }, (dir) => planJson(dir, json)),
          json,
        ),
      );
    },
  };
}

export interface Day2Result {
  readonly predicted: ChangeSet;
  /** terraform's plan per stack it ran for (orphaned stacks are never planned), from its JSON stream. */
  readonly planned: ReadonlyMap<string, readonly StreamedChange[]>;
  /** `terraform show -json` of those plans, when asked for. */
  readonly shown: ReadonlyMap<string, PlanJson>;
  readonly review: string;
  readonly after: ReadonlyMap<string, string>;
}

export interface ChangeOptions {
  /** The state a stack starts from, instead of what config A left. */
  readonly state?: (stack: string) => string | undefined;
  /** Also run `terraform show -json` on each plan (one more provider start per stack). */
  readonly show?: boolean;
}

export function change(deployed: Deployed, files: ConfigFiles, options: ChangeOptions = {}): Day2Result {
  const after = synthConfigFiles(files);
  const predicted = predictChanges(parsed(deployed.stacks), parsed(after));
  const planned = new Map<string, StreamedChange[]>();
  const shown = new Map<string, PlanJson>();
  for (const [name, json] of after) {
    const override = options.state?.(name);
    if (deployed.stacks.get(name) === json && override === undefined) {
      planned.set(name, []);
      continue;
    }
    inWorkingCopy({ "cdk.tf.json": json }, (dir) => {
      planned.set(name, planStream(dir, json, { state: override ?? deployed.state(name) }));
      if (options.show) shown.set(name, JSON.parse(mustSucceed(dir, ["show", "-json", "plan.bin"], true).stdout) as PlanJson);
    });
  }
  return { predicted, planned, shown, after, review: renderReview(predicted, { base: parsed(deployed.stacks), head: parsed(after) }) };
}

/** A real plan as the review's --plan mode reads it. */
export function planAsChanges(name: string, shown: PlanJson): StackChange {
  return changesFromPlan(name, shown);
}

/** Every stack of a config (its files by name), as synth writes them: stack name -> JSON text. */
export function synthConfigFiles(files: ConfigFiles): Map<string, string> {
  const { "config.yaml": config, ...extra } = files;
  return synthConfigText(config, extra);
}

function parsed(stacks: ReadonlyMap<string, string>): Map<string, StackJson> {
  return new Map([...stacks].map(([name, json]) => [name, JSON.parse(json) as StackJson]));
}

/** What the differential test compares: each resource's address, action, move and import. */
export function actionsOf(stack: Pick<StackChange, "resources"> | readonly StreamedChange[] | undefined): string[] {
  const resources: readonly Pick<ResourceChange, "action" | "address" | "movedFrom" | "importId">[] = Array.isArray(stack)
    ? stack
    : ((stack as StackChange | undefined)?.resources ?? []);
  return resources.filter((resource) => resource.action !== "no-op" || resource.movedFrom || resource.importId !== undefined).map(describeAction);
}

export function describeAction(resource: Pick<ResourceChange, "action" | "address" | "movedFrom" | "importId">): string {
  const extras = [resource.movedFrom ? `from ${resource.movedFrom}` : "", resource.importId !== undefined ? `import ${resource.importId}` : ""].filter(Boolean);
  return `${resource.action} ${resource.address}${extras.length ? ` (${extras.join(", ")})` : ""}`;
}
