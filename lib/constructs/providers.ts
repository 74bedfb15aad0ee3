import { Construct } from "constructs";
import { AwsProvider } from "../aws";
import { CHATBOT_REGIONS } from "../model/aws-facts";
import { AccountModel } from "../model/model";
import { logicalId } from "./logical-id";
import { literalMap } from "./terraform-literal";

/** What every `aws` provider of an account shares: credentials, account guard and tags. */
export interface ProviderSettings {
  readonly accountId?: string;
  readonly roleArn?: string;
  readonly sessionName: string;
  readonly tags: Readonly<Record<string, string>>;
}

export function providerSettingsOf(account: AccountModel): ProviderSettings {
  return { accountId: account.accountId, roleArn: account.roleArn, sessionName: `cis-baseline-${account.name}`, tags: account.tags };
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

/** The alias of a region's provider: a Terraform identifier like us_east_1. */
export function regionAlias(region: string): string {
  return logicalId(region);
}

/**
 * One aliased provider per region, in region order. Terraform starts a provider process
 * only for configurations that something in the config or the state uses, so declaring
 * regions without resources costs nothing at plan time — and keeping them declared is what
 * lets a plan destroy what an earlier config created in a region it no longer lists.
 */
export function regionalProviders(scope: Construct, regions: readonly string[], settings: ProviderSettings): Map<string, AwsProvider> {
  const providers = new Map<string, AwsProvider>();
  for (const region of [...regions].sort()) {
    providers.set(region, new AwsProvider(scope, `aws-${region}`, { region, alias: regionAlias(region), ...providerConfig(settings) }));
  }
  return providers;
}

/**
 * The provider AWS Chatbot's configurations are made through (its API answers in a few
 * regions only; the configurations themselves are global). It is declared in every account
 * stack, Chatbot or not: a provider without resources starts no process, and keeping it is
 * what lets a plan destroy a channel after the last topic stops using Chatbot.
 */
export function chatbotProvider(scope: Construct, account: AccountModel, settings: ProviderSettings): AwsProvider {
  const chosen = account.topics.find((topic) => topic.chatbot)?.chatbot?.region;
  const region = chosen ?? ((CHATBOT_REGIONS as readonly string[]).includes(account.region) ? account.region : CHATBOT_REGIONS[0]);
  return new AwsProvider(scope, "aws-chatbot", { region, alias: "chatbot", ...providerConfig(settings) });
}
