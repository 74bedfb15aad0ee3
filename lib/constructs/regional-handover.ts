import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { regionGroupOf } from "../model/aws-facts";
import { AccountModel } from "../model/model";
import { RemovedBlock, forgottenAnalyzers } from "./analyzer-handover";
import { securityHubIds } from "./security-hub";

export interface RegionalHandoverProps {
  readonly account: AccountModel;
}

/**
 * The first regional stack's half of moving regions into their groups' stacks: before
 * regions were grouped, `<account>-regions` held every region's analyzers (and Security
 * Hub); now the other groups' stacks hold theirs. `removed` blocks with `destroy = false`
 * make terraform forget this stack's copies without deleting them, so no analyzer is
 * destroyed on the way, while the groups' stacks adopt them: all of it in the one deploy
 * with access_analyzer.import_existing. Without it this stack declares neither the blocks
 * nor the other groups' providers (each costs a plan memory), and an old state fails to
 * plan, naming the providers, until the flag is set: nothing is lost. Only what moves is
 * forgotten: a region dropped from `regions`, or a feature turned off, is destroyed as it
 * would be.
 */
export class RegionalHandover extends Construct {
  readonly removed: readonly RemovedBlock[];

  constructor(scope: Construct, id: string, props: RegionalHandoverProps) {
    super(scope, id);
    this.removed = regionalStackRemovedBlocks(props.account);
    if (this.removed.length) TerraformStack.of(this).addOverride("removed", this.removed);
  }
}

/** The `removed` blocks of an account's first regional stack: its listed regions' resources that other groups' stacks now hold. */
export function regionalStackRemovedBlocks(account: AccountModel): RemovedBlock[] {
  if (account.decommission || !account.accessAnalyzer.importExisting) return [];
  const moved = account.regions.filter((region) => regionGroupOf(region) !== "");
  const analyzers = account.accessAnalyzer.enabled ? forgottenAnalyzers(moved) : [];
  const hubs = account.securityHub.enabled
    ? moved.flatMap((region) => {
        const ids = securityHubIds(region, account.securityHub.standards);
        return [
          { from: `aws_securityhub_account.${ids.hub}`, lifecycle: { destroy: false as const } },
          ...ids.subscriptions.map((id) => ({ from: `aws_securityhub_standards_subscription.${id}`, lifecycle: { destroy: false as const } })),
        ];
      })
    : [];
  return [...analyzers, ...hubs];
}
