import { Construct } from "constructs";
import { AwsProvider } from "../aws";
import { logicalId } from "./logical-id";
import { literalMap } from "./terraform-literal";

/** What every `aws` provider of an account shares: credentials, account guard and tags. */
export interface ProviderSettings {
  readonly accountId?: string;
  readonly roleArn?: string;
  readonly sessionName: string;
  readonly tags: Readonly<Record<string, string>>;
}

function providerConfig(settings: ProviderSettings) {
  return {
    // Refuse to run with credentials for another account: a wrong profile cannot change the wrong account.
    allowedAccountIds: settings.accountId ? [settings.accountId] : undefined,
    assumeRole: settings.roleArn ? [{ roleArn: settings.roleArn, sessionName: settings.sessionName }] : undefined,
    defaultTags: Object.keys(settings.tags).length ? [{ tags: literalMap(settings.tags) }] : undefined,
  };
}

/** The account's default (home region) provider. */
export function homeProvider(scope: Construct, region: string, settings: ProviderSettings): AwsProvider {
  return new AwsProvider(scope, "aws", { region, ...providerConfig(settings) });
}

/** An aliased provider for one region; the alias is a Terraform identifier like us_east_1. */
export function regionalProvider(scope: Construct, region: string, settings: ProviderSettings): AwsProvider {
  const alias = logicalId(region);
  return new AwsProvider(scope, `aws-${region}`, { region, alias, ...providerConfig(settings) });
}
