import { Construct } from "constructs";
import { AccessanalyzerAnalyzer, AwsProvider } from "../aws";
import { AccessAnalyzerSettings } from "../config/model";
import { logicalId } from "./logical-id";
import { ProviderSettings, regionalProvider } from "./providers";

export interface AccessAnalyzersProps {
  readonly regions: readonly string[];
  readonly settings: AccessAnalyzerSettings;
  readonly provider: ProviderSettings;
}

/**
 * IAM Access Analyzer in every listed region. Analyzers are regional, so each region gets
 * an aliased `aws` provider whose alias is a valid identifier (us_east_1) and is the very
 * name every resource refers to.
 */
export class AccessAnalyzers extends Construct {
  readonly providers = new Map<string, AwsProvider>();

  constructor(scope: Construct, props: AccessAnalyzersProps) {
    super(scope, "access-analyzers");
    for (const region of props.regions) {
      const provider = regionalProvider(this, region, props.provider);
      this.providers.set(region, provider);
      const analyzer = new AccessanalyzerAnalyzer(this, `${region}-analyzer`, {
        provider,
        analyzerName: props.settings.name,
        type: props.settings.type,
      });
      analyzer.overrideLogicalId(logicalId(region));
      if (props.settings.unusedAccessAgeDays !== undefined) {
        const unused = new AccessanalyzerAnalyzer(this, `${region}-unused-access`, {
          provider,
          analyzerName: `${props.settings.name}-unused-access`,
          type: props.settings.type === "ORGANIZATION" ? "ORGANIZATION_UNUSED_ACCESS" : "ACCOUNT_UNUSED_ACCESS",
          configuration: { unusedAccess: { unusedAccessAge: props.settings.unusedAccessAgeDays } },
        });
        unused.overrideLogicalId(logicalId(region, "unused_access"));
      }
    }
  }
}
