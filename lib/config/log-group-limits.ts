import { LIMITS } from "../model/aws-facts";
import { DeployedRule, SourceRef } from "../model/model";
import { countRegexes, parsePattern } from "../pattern";

/**
 * What one log group takes: CloudWatch Logs allows a number of metric filters per group, and
 * fewer that use regular expressions. The rules' own filters, their per-account filters and
 * the scanners' variants all count; a problem is reported at `where` (the config's rules).
 */
export function checkLogGroupLimits(deployed: readonly DeployedRule[], where: SourceRef, report: (where: SourceRef, message: string) => void): void {
  const withRegex = deployed.filter((rule) => hasRegex(rule.filterPattern));
  if (withRegex.length > LIMITS.regexFiltersPerLogGroup) {
    report(
      where,
      `${withRegex.length} enabled rules use regular expressions (${withRegex.map((rule) => rule.id).join(", ")}); CloudWatch Logs allows at most ${LIMITS.regexFiltersPerLogGroup} such metric filters per log group`,
    );
  }
  const perAccountFilters = deployed.filter((rule) => rule.perAccount).length;
  const scannerFilters = deployed.reduce((total, rule) => total + rule.variants.length, 0);
  const filters = deployed.length + perAccountFilters + scannerFilters;
  if (filters > LIMITS.filtersPerLogGroup) {
    const parts = [
      `${deployed.length} rules`,
      perAccountFilters && `${perAccountFilters} per-account filters`,
      scannerFilters && `${scannerFilters} scanner variants`,
    ].filter(Boolean);
    const split = parts.length > 1 ? ` (${parts.join(", ")})` : "";
    report(
      where,
      `${filters} metric filters would go on the log group${split}, but a log group holds at most ${LIMITS.filtersPerLogGroup} (and filters the stack does not manage count too)`,
    );
  }
  if (perAccountFilters) {
    const regexFilters = deployed.filter((rule) => rule.perAccount && hasRegex(rule.filterPattern)).length + withRegex.length;
    if (regexFilters > LIMITS.regexFiltersPerLogGroup && withRegex.length <= LIMITS.regexFiltersPerLogGroup) {
      report(
        where,
        `per-account alarms double the filters of rules that use regular expressions: ${regexFilters} such filters, but CloudWatch Logs allows at most ${LIMITS.regexFiltersPerLogGroup} per log group`,
      );
    }
  }
}

/** Pattern text -> whether it uses a regular expression: every account deploys the same rules, parsed once. */
const regexUse = new Map<string, boolean>();

function hasRegex(pattern: string): boolean {
  let uses = regexUse.get(pattern);
  if (uses === undefined) {
    try {
      uses = countRegexes(parsePattern(pattern)) > 0;
    } catch {
      uses = false; // an unparsable pattern is reported where the pack is loaded
    }
    regexUse.set(pattern, uses);
  }
  return uses;
}
