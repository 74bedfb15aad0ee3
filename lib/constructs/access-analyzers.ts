import { Construct } from "constructs";
import { AccessanalyzerAnalyzer, AwsProvider } from "../aws";
import { AccessAnalyzerSettings } from "../model/model";
import { annotate } from "./annotate";
import { logicalId } from "./logical-id";

export interface AccessAnalyzersProps {
  readonly regions: readonly string[];
  readonly settings: AccessAnalyzerSettings;
  /** The aliased provider of every region (more regions than `regions` is fine). */
  readonly providers: ReadonlyMap<string, AwsProvider>;
}

/** The logical ids a region's analyzers have (also where version 0.1 kept them in the account stack). */
export function analyzerIds(region: string): { readonly main: string; readonly unusedAccess: string } {
  return { main: logicalId(region), unusedAccess: logicalId(region, "unused_access") };
}

interface AnalyzerSpec {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly unusedAccessAgeDays?: number;
}

/** The analyzers one region gets: the external-access one, and the unused-access one on request. */
function analyzersOf(region: string, settings: AccessAnalyzerSettings): AnalyzerSpec[] {
  const ids = analyzerIds(region);
  const analyzers: AnalyzerSpec[] = [{ id: ids.main, name: settings.name, type: settings.type }];
  if (settings.unusedAccessAgeDays !== undefined) {
    analyzers.push({
      id: ids.unusedAccess,
      name: `${settings.name}-unused-access`,
      type: settings.type === "ORGANIZATION" ? "ORGANIZATION_UNUSED_ACCESS" : "ACCOUNT_UNUSED_ACCESS",
      unusedAccessAgeDays: settings.unusedAccessAgeDays,
    });
  }
  return analyzers;
}

/**
 * IAM Access Analyzer in every listed region, each through its region's aliased provider.
 * With `import_existing`, each analyzer gets an import block (by name), so analyzers that
 * already exist are adopted instead of colliding; once they are in state it is a no-op.
 */
export class AccessAnalyzers extends Construct {
  /** The external-access analyzer of each region. */
  readonly byRegion = new Map<string, AccessanalyzerAnalyzer>();

  constructor(scope: Construct, id: string, props: AccessAnalyzersProps) {
    super(scope, id);
    for (const region of props.regions) {
      const provider = props.providers.get(region);
      if (!provider) throw new Error(`no provider configured for region ${region}`);
      for (const analyzer of analyzersOf(region, props.settings)) {
        const resource = new AccessanalyzerAnalyzer(this, analyzer.id, {
          provider,
          analyzerName: analyzer.name,
          type: analyzer.type,
          configuration: analyzer.unusedAccessAgeDays === undefined ? undefined : { unusedAccess: { unusedAccessAge: analyzer.unusedAccessAgeDays } },
        });
        resource.overrideLogicalId(analyzer.id);
        annotate(resource, { region });
        if (props.settings.importExisting) resource.importFrom(analyzer.name, provider);
        if (analyzer.id === analyzerIds(region).main) this.byRegion.set(region, resource);
      }
    }
  }
}
