import { relative } from "node:path";
import { RuleCatalog } from "./load-packs";
import { DEFAULT_ALARM } from "./alarm-settings";
import { RuleDefinition } from "../model/model";

/**
 * rules/RULES.md, rendered from the rule packs (`npm run generate` rewrites it; a test checks
 * it is fresh): for every rule its id, title, severity, references, pattern, metric, alarm,
 * what it is for, what it misses, and the evidence it is tested against — the real
 * CloudTrail records it must match and the near misses it must not.
 */
export function renderRulesReference(catalog: RuleCatalog, root: string, packTitles: ReadonlyMap<string, string>): string {
  const lines = [
    "# Rules",
    "",
    "Generated from `rules/packs/` by `npm run generate`; do not edit. Every rule is checked against its evidence by the test suite and by `npm run check`.",
    "",
  ];
  for (const [pack, ids] of catalog.packs) {
    lines.push(`## Pack \`${pack}\`${packTitles.get(pack) ? `: ${packTitles.get(pack)}` : ""}`, "");
    lines.push("| rule | title | severity | Security Hub | CIS |", "|---|---|---|---|---|");
    for (const id of ids) {
      const rule = catalog.rules.get(id)!;
      const cis = [rule.references.cisV120 && `v1.2.0 ${rule.references.cisV120}`, rule.references.cisV140 && `v1.4.0 ${rule.references.cisV140}`]
        .filter(Boolean)
        .join(", ");
      lines.push(`| [\`${id}\`](#${id}) | ${rule.title} | ${rule.severity} | ${rule.references.securityHub ?? ""} | ${cis} |`);
    }
    lines.push("");
    for (const id of ids) lines.push(...renderRule(catalog.rules.get(id)!, root));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function renderRule(rule: RuleDefinition, root: string): string[] {
  const alarm = { ...DEFAULT_ALARM, ...rule.alarm };
  const references = [
    rule.references.securityHub && `Security Hub ${rule.references.securityHub}`,
    rule.references.cisV120 && `CIS v1.2.0 ${rule.references.cisV120}`,
    rule.references.cisV140 && `CIS v1.4.0 ${rule.references.cisV140}`,
    rule.references.source,
  ]
    .filter(Boolean)
    .join("; ");
  const link = (file: string, name: string) => `[${name}](${relative(`${root}/rules`, file)})`;
  const lines = [
    `### ${rule.id}`,
    "",
    `**${rule.title}** — severity ${rule.severity}${references ? `; ${references}` : ""}.`,
    "",
    rule.description,
    "",
    "```",
    rule.pattern,
    "```",
    "",
    `Metric \`${rule.metricName}\` (1 per match); alarm by default: ${alarm.statistic} ${alarm.comparison} ${alarm.threshold} in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} × ${alarm.period} s.`,
    "",
  ];
  if (rule.gaps.length) lines.push("What it misses:", "", ...rule.gaps.map((gap) => `- ${gap}`), "");
  if (rule.examples.match.length) lines.push(`Matches: ${rule.examples.match.map((example) => link(example.file, example.name)).join(", ")}.`, "");
  if (rule.examples.noMatch.length) lines.push(`Does not match: ${rule.examples.noMatch.map((example) => link(example.file, example.name)).join(", ")}.`, "");
  return lines;
}
