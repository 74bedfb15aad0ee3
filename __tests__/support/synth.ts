import { Testing } from "cdktf";
import { join } from "node:path";
import { AccountModel, Model } from "../../lib/model/model";
import { loadConfig } from "../../lib/config/load-config";
import { AccountStack } from "../../lib/stacks/account-stack";
import { RegionalStack } from "../../lib/stacks/regional-stack";

export const ROOT = join(__dirname, "..", "..");

/** The project's own copy of the default baseline (rules/default.yaml is the user's to edit). */
export const BASELINE_CONFIG = "__tests__/fixtures/configs/baseline.yaml";

/** A synthesized stack as parsed Terraform JSON. */
export type TerraformJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider: { aws: Record<string, unknown>[] };
  terraform: Record<string, unknown>;
};

export function loadModel(configFile: string): Model {
  return loadConfig(join(ROOT, configFile)).model;
}

export function synthAccountText(account: AccountModel, model?: Model): string {
  const app = Testing.app();
  return Testing.synth(new AccountStack(app, account.stacks.home, { account, backend: model?.backend }));
}

export function synthAccount(account: AccountModel, model?: Model): TerraformJson {
  return JSON.parse(synthAccountText(account, model));
}

/** The account's regional stacks (`<account>-regions`, `-regions-americas`, ... one per group of regions): name -> synthesized JSON text. */
export function synthRegionalStacks(account: AccountModel, model?: Model): Map<string, string> {
  const stacks = new Map<string, string>();
  for (const stack of account.stacks.regional) {
    const app = Testing.app();
    stacks.set(stack.name, Testing.synth(new RegionalStack(app, stack.name, { account, stack, backend: model?.backend })));
  }
  return stacks;
}

/**
 * Every regional stack of the account seen as one: their resources, imports and removed
 * blocks together, each provider alias once, outputs merged (analyzer_arns of every group).
 * For assertions about regions, whichever stack holds them.
 */
export function synthRegional(account: AccountModel, model?: Model): TerraformJson {
  const merged: TerraformJson & Record<string, unknown> = { resource: {}, provider: { aws: [] }, terraform: {} };
  const found = { resources: false };
  const aliases = new Set<string>();
  for (const text of synthRegionalStacks(account, model).values()) {
    const json = JSON.parse(text) as TerraformJson & Record<string, unknown>;
    if (Object.keys(merged.terraform).length === 0) merged.terraform = json.terraform;
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      merged.resource[type] = { ...(merged.resource[type] ?? {}), ...byName };
      found.resources = true;
    }
    for (const provider of json.provider?.aws ?? []) {
      if (aliases.has(String(provider.alias))) continue;
      aliases.add(String(provider.alias));
      merged.provider.aws.push(provider);
    }
    for (const list of ["import", "removed"])
      if (Array.isArray(json[list])) merged[list] = [...((merged[list] as unknown[]) ?? []), ...(json[list] as unknown[])];
    const output = json.output as Record<string, { value: Record<string, unknown> }> | undefined;
    if (output?.analyzer_arns) {
      const outputs = (merged.output ??= {}) as Record<string, { value: Record<string, unknown> }>;
      outputs.analyzer_arns = { ...output.analyzer_arns, value: { ...(outputs.analyzer_arns?.value ?? {}), ...output.analyzer_arns.value } };
    }
  }
  if (!found.resources) delete (merged as Partial<TerraformJson>).resource;
  return merged;
}

/** All resources of a type, by name. */
export function resources(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/** Follows a `${type.name.attr...}` reference to the resource it names. */
export function referenced(json: TerraformJson, reference: unknown): { type: string; name: string; path: string } {
  const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.(.+)\}$/.exec(String(reference));
  if (!match) throw new Error(`not a resource reference: ${String(reference)}`);
  const [, type, name, path] = match;
  if (!json.resource[type]?.[name]) throw new Error(`reference to missing resource ${type}.${name}`);
  return { type, name, path };
}
