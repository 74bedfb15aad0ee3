import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { BaselineStack } from "./baseline-stack";
import { regionsOfPartition } from "../config/aws-facts";
import { AccountModel, S3Backend } from "../config/model";
import { AccessAnalyzers } from "../constructs/access-analyzers";
import { SecurityHub } from "../constructs/security-hub";
import { providerSettingsOf, regionalProviders } from "../constructs/providers";
import { configureState } from "./state-backend";

/**
 * The account's per-region resources (IAM Access Analyzer and, when asked, Security Hub in
 * every listed region), in their own state. It declares a provider for every region of the account's partition,
 * listed or not: unused ones start no process, and a region dropped from `regions` (or
 * analyzers turned off) still has the provider its analyzer needs to be destroyed, so the
 * change plans in one step.
 */
export class RegionalStack extends BaselineStack {
  constructor(scope: Construct, account: AccountModel, backend?: S3Backend) {
    super(scope, account.stacks.regional);
    configureState(this, account.stacks.regional, backend);
    const providers = regionalProviders(this, regionsOfPartition(account.partition), providerSettingsOf(account));
    if (account.decommission) return;
    if (account.securityHub.enabled) {
      new SecurityHub(this, { regions: account.regions, standards: account.securityHub.standards, partition: account.partition, providers });
    }
    if (!account.accessAnalyzer.enabled) return;
    const analyzers = new AccessAnalyzers(this, { regions: account.regions, settings: account.accessAnalyzer, providers });
    new TerraformOutput(this, "analyzer_arns", {
      value: Object.fromEntries([...analyzers.byRegion].sort(([a], [b]) => a.localeCompare(b)).map(([region, analyzer]) => [region, analyzer.arn])),
      description: "ARN of the external-access analyzer in each region.",
    }).overrideLogicalId("analyzer_arns");
  }
}
