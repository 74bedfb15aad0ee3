import { isPlainObject } from "../source/plain-data";
import { SecurityHubFacts } from "./report";

/** Security Hub per region, as an account's synthesized regional stacks declare it (hub and standards subscriptions by provider alias). */
export function readSecurityHubFacts(stacks: readonly unknown[]): SecurityHubFacts {
  const regions = new Map<string, { standards: string[] }>();
  for (const raw of stacks) for (const [region, facts] of readStack(raw)) regions.set(region, facts);
  return { regions };
}

function readStack(raw: unknown): Map<string, { standards: string[] }> {
  const json = isPlainObject(raw) ? raw : {};
  const resources = (isPlainObject(json.resource) ? json.resource : {}) as Record<string, Record<string, Record<string, unknown>>>;
  const aliases = new Map(
    ((isPlainObject(json.provider) && Array.isArray(json.provider.aws) ? json.provider.aws : []) as Record<string, unknown>[]).map((provider) => [
      `aws.${String(provider.alias)}`,
      String(provider.region),
    ]),
  );
  const regionOf = (body: Record<string, unknown>) => aliases.get(String(body.provider)) ?? "";
  const regions = new Map<string, { standards: string[] }>();
  for (const hub of Object.values(resources.aws_securityhub_account ?? {})) regions.set(regionOf(hub), { standards: [] });
  for (const subscription of Object.values(resources.aws_securityhub_standards_subscription ?? {})) {
    regions.get(regionOf(subscription))?.standards.push(String(subscription.standards_arn));
  }
  return regions;
}
