import { Construct } from "constructs";
import { TerraformStack } from "cdktf";
import { regionsOfPartition } from "../model/aws-facts";
import { AccountModel } from "../model/model";
import { analyzerIds } from "./access-analyzers";
import { ProviderSettings, regionalProviders } from "./providers";

export interface AnalyzerHandoverProps {
  /** Every region the earlier account stack may have held an analyzer in. */
  readonly regions: readonly string[];
  readonly provider: ProviderSettings;
  /**
   * False when the account is being decommissioned: the copies in this stack's state are then
   * destroyed like everything else it manages (their providers are still declared), not forgotten.
   * @default true
   */
  readonly forget?: boolean;
}

/** A `removed` block that forgets a resource without destroying it. */
export interface RemovedBlock {
  readonly from: string;
  readonly lifecycle: { readonly destroy: false };
}

/**
 * The account stack's half of moving analyzers to the regional stack (which imports them):
 * `removed` blocks with `destroy = false` make Terraform forget the copies version 0.1 kept
 * in this stack's state without deleting them. Terraform needs each forgotten resource's
 * provider configuration, so the regional aliases are declared here too; those not in use
 * start no process. For addresses that are not in the state, `removed` is a no-op.
 */
export class AnalyzerHandover extends Construct {
  /** The `removed` blocks; HCL output adds them itself (cdktf's HCL renderer drops stack overrides). */
  readonly removed: readonly RemovedBlock[];

  constructor(scope: Construct, id: string, props: AnalyzerHandoverProps) {
    super(scope, id);
    regionalProviders(this, props.regions, props.provider);
    this.removed = props.forget === false ? [] : forgottenAnalyzers(props.regions);
    if (this.removed.length) TerraformStack.of(this).addOverride("removed", this.removed);
  }
}

/** The `removed` blocks that forget version 0.1's analyzers in these regions (the regional stack adopts them). */
export function forgottenAnalyzers(regions: readonly string[]): RemovedBlock[] {
  return regions.flatMap((region) => {
    const ids = analyzerIds(region);
    return [ids.main, ids.unusedAccess].map((id) => ({ from: `aws_accessanalyzer_analyzer.${id}`, lifecycle: { destroy: false as const } }));
  });
}

/** What an account's stack forgets of 0.1's layout: the same blocks the construct adds, from the model alone. */
export function accountStackRemovedBlocks(account: AccountModel): RemovedBlock[] {
  return account.accessAnalyzer.importExisting && !account.decommission ? forgottenAnalyzers(regionsOfPartition(account.partition)) : [];
}
