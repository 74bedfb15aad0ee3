import { Testing } from "cdktf";
import { join } from "node:path";
import { AccountModel, Model } from "../../lib/config/model";
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
  return Testing.synth(new AccountStack(app, account, model?.backend));
}

export function synthAccount(account: AccountModel, model?: Model): TerraformJson {
  return JSON.parse(synthAccountText(account, model));
}

/** The account's regional stack (`<account>-regions`): Access Analyzer per region. */
export function synthRegionalText(account: AccountModel, model?: Model): string {
  const app = Testing.app();
  return Testing.synth(new RegionalStack(app, account, model?.backend));
}

export function synthRegional(account: AccountModel, model?: Model): TerraformJson {
  return JSON.parse(synthRegionalText(account, model));
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
