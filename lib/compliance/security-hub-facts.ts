import { StackReader } from "../terraform/stack-reader";
import { SecurityHubFacts } from "./report";

/** Security Hub per region, as an account's synthesized regional stacks declare it (hub and standards subscriptions by provider alias). */
export function readSecurityHubFacts(stacks: readonly unknown[]): SecurityHubFacts {
  const regions = new Map<string, { standards: string[] }>();
  for (const raw of stacks) for (const [region, facts] of readStack(raw)) regions.set(region, facts);
  return { regions };
}

function readStack(raw: unknown): Map<string, { standards: string[] }> {
  const reader = new StackReader(raw);
  const aliases = reader.providerRegions();
  const regionOf = (body: Record<string, unknown>) => aliases.get(String(body.provider)) ?? "";
  const regions = new Map<string, { standards: string[] }>();
  for (const [, hub] of reader.objects("aws_securityhub_account")) regions.set(regionOf(hub), { standards: [] });
  for (const [, subscription] of reader.objects("aws_securityhub_standards_subscription")) {
    regions.get(regionOf(subscription))?.standards.push(String(subscription.standards_arn));
  }
  return regions;
}
