import { Construct } from "constructs";
import { AwsProvider, SecurityhubAccount, SecurityhubStandardsSubscription } from "../aws";
import { Partition, SECURITY_HUB_CIS_STANDARDS, SecurityHubStandard } from "../config/aws-facts";
import { annotate } from "./annotate";
import { logicalId } from "./logical-id";

export interface SecurityHubProps {
  readonly regions: readonly string[];
  readonly standards: readonly SecurityHubStandard[];
  readonly partition: Partition;
  readonly providers: ReadonlyMap<string, AwsProvider>;
}

/**
 * CIS 4.16: Security Hub in every listed region, subscribed to the chosen CIS standards and
 * to nothing else (Security Hub would otherwise enable its default standards on its own,
 * outside this config).
 */
export class SecurityHub extends Construct {
  constructor(scope: Construct, props: SecurityHubProps) {
    super(scope, "security-hub");
    for (const region of props.regions) {
      const provider = props.providers.get(region);
      if (!provider) throw new Error(`no provider configured for region ${region}`);
      const hub = new SecurityhubAccount(this, `${region}-hub`, { provider, enableDefaultStandards: false });
      hub.overrideLogicalId(logicalId(region));
      annotate(hub, { region });
      for (const standard of props.standards) {
        const subscription = new SecurityhubStandardsSubscription(this, `${region}-${standard}`, {
          provider,
          standardsArn: SECURITY_HUB_CIS_STANDARDS[standard](props.partition, region),
          dependsOn: [hub],
        });
        subscription.overrideLogicalId(logicalId(region, standard));
        annotate(subscription, { region });
      }
    }
  }
}
