import { Construct } from "constructs";
import { AwsProvider, SecurityhubAccount, SecurityhubStandardsSubscription } from "../aws";
import { Partition, SECURITY_HUB_CIS_STANDARDS, SecurityHubStandard } from "../model/aws-facts";
import { annotate } from "./annotate";
import { logicalId } from "./logical-id";

export interface SecurityHubProps {
  readonly regions: readonly string[];
  readonly standards: readonly SecurityHubStandard[];
  readonly partition: Partition;
  readonly providers: ReadonlyMap<string, AwsProvider>;
  /**
   * Adopt Security Hub where it is already enabled (access_analyzer.import_existing, when a
   * region moves into its group's stack): import blocks by the account id and subscription ARNs.
   * @default no import blocks
   */
  readonly importInto?: { readonly accountId: string };
}

/**
 * CIS 4.16: Security Hub in every listed region, subscribed to the chosen CIS standards and
 * to nothing else (Security Hub would otherwise enable its default standards on its own,
 * outside this config).
 */
/** The ARN AWS gives an account's subscription to a standard in a region (what terraform imports it by). */
function subscriptionArn(partition: Partition, region: string, accountId: string, standard: SecurityHubStandard): string {
  const path = SECURITY_HUB_CIS_STANDARDS[standard](partition, region).replace(/^.*:(ruleset|standards)\//, "");
  return `arn:${partition}:securityhub:${region}:${accountId}:subscription/${path}`;
}

/** The logical ids of a region's hub and its standards subscriptions. */
export function securityHubIds(region: string, standards: readonly SecurityHubStandard[]): { hub: string; subscriptions: string[] } {
  return { hub: logicalId(region), subscriptions: standards.map((standard) => logicalId(region, standard)) };
}

export class SecurityHub extends Construct {
  constructor(scope: Construct, id: string, props: SecurityHubProps) {
    super(scope, id);
    for (const region of props.regions) {
      const provider = props.providers.get(region);
      if (!provider) throw new Error(`no provider configured for region ${region}`);
      const hub = new SecurityhubAccount(this, `${region}-hub`, { provider, enableDefaultStandards: false });
      const ids = securityHubIds(region, props.standards);
      hub.overrideLogicalId(ids.hub);
      annotate(hub, { region });
      if (props.importInto) hub.importFrom(props.importInto.accountId, provider);
      for (const standard of props.standards) {
        const subscription = new SecurityhubStandardsSubscription(this, `${region}-${standard}`, {
          provider,
          standardsArn: SECURITY_HUB_CIS_STANDARDS[standard](props.partition, region),
          dependsOn: [hub],
        });
        subscription.overrideLogicalId(logicalId(region, standard));
        annotate(subscription, { region });
        if (props.importInto) subscription.importFrom(subscriptionArn(props.partition, region, props.importInto.accountId, standard), provider);
      }
    }
  }
}
