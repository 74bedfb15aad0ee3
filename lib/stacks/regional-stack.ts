import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { BaselineStack } from "./baseline-stack";
import { regionGroupOf, regionsOfPartition } from "../model/aws-facts";
import { AccountModel, StateBackend } from "../model/model";
import { RegionalStackName } from "../model/stack-names";
import { AccessAnalyzers } from "../constructs/access-analyzers";
import { SecurityHub } from "../constructs/security-hub";
import { RegionalHandover } from "../constructs/regional-handover";
import { providerSettingsOf, regionalProviders } from "../constructs/providers";
import { configureState } from "./state-backend";

export interface RegionalStackProps {
  readonly account: AccountModel;
  /** The group of regions this stack holds, and its name (the stack's id). */
  readonly stack: RegionalStackName;
  /**
   * Where the stack keeps its state.
   * @default local state (terraform.tfstate beside the stack)
   */
  readonly backend?: StateBackend;
}

/**
 * One group of the account's regions (lib/model/stack-names.ts): IAM Access Analyzer and,
 * when asked, Security Hub in every listed region of the group, in their own state. It
 * declares a provider for every region of its group, listed or not: unused ones start no
 * process, and a region dropped from `regions` (or analyzers turned off) still has the
 * provider its analyzer needs to be destroyed, so the change plans in one step. The first
 * group's stack held every region before regions were grouped: with
 * access_analyzer.import_existing (the upgrade's one deploy) it forgets, without deleting,
 * what the listed regions of the other groups hold (RegionalHandover) and declares their
 * providers too (terraform needs a forgotten resource's provider). Only then: each declared
 * provider costs a plan memory even unused, and a plan must fit a 1 GiB runner.
 */
export class RegionalStack extends BaselineStack {
  constructor(scope: Construct, id: string, props: RegionalStackProps) {
    super(scope, id);
    const { account, stack, backend } = props;
    configureState(this, stack.name, backend);
    const inGroup = (region: string) => regionGroupOf(region) === stack.group;
    const handover = stack.group === "" && account.accessAnalyzer.importExisting;
    const declared = regionsOfPartition(account.partition).filter((region) => inGroup(region) || (handover && account.regions.includes(region)));
    const providers = regionalProviders(this, declared, providerSettingsOf(account));
    if (stack.group === "") new RegionalHandover(this, "regional-handover", { account });
    if (account.decommission) return;
    const regions = account.regions.filter(inGroup);
    if (account.securityHub.enabled && regions.length) {
      new SecurityHub(this, "security-hub", {
        regions,
        standards: account.securityHub.standards,
        partition: account.partition,
        providers,
        importInto: account.accessAnalyzer.importExisting && account.accountId ? { accountId: account.accountId } : undefined,
      });
    }
    if (!account.accessAnalyzer.enabled || regions.length === 0) return;
    const analyzers = new AccessAnalyzers(this, "access-analyzers", { regions, settings: account.accessAnalyzer, providers });
    new TerraformOutput(this, "analyzer_arns", {
      value: Object.fromEntries([...analyzers.byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([region, analyzer]) => [region, analyzer.arn])),
      description: "ARN of the external-access analyzer in each region.",
    }).overrideLogicalId("analyzer_arns");
  }
}
