import { AccountModel } from "../model/model";
import { placeholderReason } from "../config/placeholder-endpoints";
import { regionsOfPartition } from "../model/aws-facts";
import { CONTROLS, ControlInfo, MIN_RETENTION_DAYS } from "../model/controls";
import { Cell, fail, pass } from "../scanners/scanner";
import { ScannerData, ScannerId, SCANNER_IDS } from "../scanners/scanner-data";
import { SCANNERS } from "../scanners/evaluators";
import { StackFacts } from "../terraform/stack-facts";

/** A cell as reported: a scanner's verdict, and why it can never pass when it cannot. */
export interface ReportCell extends Cell {
  /** Set when no deployable Terraform can make this cell pass (a scanner's bug, or two scanners' demands that collide). */
  readonly impossible?: string;
}

export interface ReportRow {
  readonly control: ControlInfo;
  /** One per scanner; undefined where the scanner has no such check. */
  readonly cells: Readonly<Partial<Record<ScannerId, ReportCell>>>;
}

export interface AccountReport {
  readonly account: string;
  readonly stack: string;
  readonly selected: readonly ScannerId[];
  readonly rows: readonly ReportRow[];
  /**
   * Subscriptions that can never be confirmed (a placeholder endpoint, see
   * lib/config/placeholder-endpoints.ts), as "topic <key>: <protocol> <endpoint>": the
   * report's assumption that every subscription is confirmed does not hold for them.
   */
  readonly placeholderSubscriptions: readonly string[];
  /**
   * CIS 4.16 (5.16 from v6.0): Prowler and Steampipe check Security Hub in every region
   * enabled in the account; the regions of the partition this config does not enable it in.
   */
  readonly securityHubUncovered?: { readonly covered: readonly string[]; readonly uncovered: readonly string[] };
}

/**
 * An account whose events another account's organization trail delivers: it has no metric
 * filters, so a scanner run against this account alone decides every monitoring control
 * from nothing. Each selected scanner's verdicts, from its own logic applied to this
 * account's synthesized stack.
 */
export interface MemberReport {
  readonly account: string;
  /** The trail's account, where the filters and alarms are. */
  readonly by?: string;
  readonly verdicts: readonly { readonly scanner: ScannerId; readonly failing: readonly string[]; readonly checked: number }[];
}

/** Scans the member account alone, as a scanner run against it would: the rule controls each selected scanner fails. */
export function reportMember(
  account: string,
  by: string | undefined,
  facts: StackFacts,
  selected: readonly ScannerId[],
  data: ReadonlyMap<ScannerId, ScannerData>,
): MemberReport {
  const rules = CONTROLS.filter((control) => control.kind === "rule");
  const verdicts = selected.map((scanner) => {
    const checked = rules.filter((control) => data.get(scanner)?.controls.get(control.id));
    const failing = checked.filter((control) => SCANNERS.get(scanner)!.evaluate(data.get(scanner)!.controls.get(control.id)!, facts).status !== "PASS");
    return { scanner, failing: failing.map((control) => control.id), checked: checked.length };
  });
  return { account, by, verdicts };
}

/** What the report takes for granted about things outside the stacks (printed with every report). */
export const ASSUMPTIONS = [
  "the filters' log group is the CloudWatch Logs group of a multi-Region trail that is logging read and write management events, in its home Region (the stack's region), owned by this account",
  "every e-mail, https and other subscription is confirmed, and a Chatbot channel's own subscription exists",
  "the trail records management events with basic event selectors (ReadWriteType All): Steampipe's CIS 4.1-4.15 queries read those, and fail a trail that uses advanced event selectors",
  "the trail's home Region is the stack's region: CloudSploit looks for the filters in each trail's home Region only",
];

/** Which of Security Hub's CIS standards score these alarms (printed with every report). */
export const SECURITY_HUB_STANDARDS =
  "Security Hub scores these alarms (CloudWatch.1-14) in its CIS v1.2.0 standard, and CloudWatch.1 and 4-14 in v1.4.0; its CIS v3.0.0 and v5.0.0 standards have no CloudWatch alarm controls, so for CIS v3.0 and later the other scanners' columns are the ones that check this section";

/** Security Hub in each listed region, as the regional stack declares it. */
export interface SecurityHubFacts {
  readonly regions: ReadonlyMap<string, { readonly standards: readonly string[] }>;
}

/**
 * Every scanner's verdict on every control for one account stack, from the synthesized
 * Terraform alone. Impossible cells are marked with the reason, so a reader (and the exit
 * status) can tell "not yet" from "never".
 */
export function reportAccount(
  account: AccountModel,
  facts: StackFacts,
  securityHub: SecurityHubFacts,
  data: ReadonlyMap<ScannerId, ScannerData>,
): AccountReport {
  const rows = CONTROLS.map((control) => {
    const cells: Partial<Record<ScannerId, ReportCell>> = {};
    for (const id of SCANNER_IDS) {
      const cell = control.kind === "rule" ? ruleCell(control, id, account, facts, data) : stackCell(control, id, account, facts, securityHub);
      if (cell) cells[id] = cell;
    }
    return { control, cells };
  });
  const placeholderSubscriptions = account.topics.flatMap((topic) =>
    topic.subscriptions
      .filter((subscription) => placeholderReason(subscription.protocol, subscription.endpoint) !== undefined)
      .map((subscription) => `topic ${topic.key}: ${subscription.protocol} ${subscription.endpoint}`),
  );
  const partitionRegions = regionsOfPartition(account.partition);
  const uncovered = partitionRegions.filter((region) => !account.regions.includes(region));
  const securityHubUncovered = account.securityHub.enabled && uncovered.length ? { covered: account.regions, uncovered } : undefined;
  return { account: account.name, stack: facts.stack, selected: account.scanners, rows, placeholderSubscriptions, securityHubUncovered };
}

function ruleCell(
  control: ControlInfo,
  id: ScannerId,
  account: AccountModel,
  facts: StackFacts,
  data: ReadonlyMap<ScannerId, ScannerData>,
): ReportCell | undefined {
  const condition = data.get(id)?.controls.get(control.id);
  if (!condition) return undefined;
  const cell = SCANNERS.get(id)!.evaluate(condition, facts);
  if (cell.status === "PASS") return cell;
  if (condition.impossible) return { ...cell, impossible: condition.impossible.replace(/\s+/g, " ").trim() };
  const rule = account.rules.find((candidate) => candidate.id === control.id);
  if (!rule) return fail(`rule ${control.id} is not enabled in this account`);
  if (id === "trivy" && /filters contain Trivy's string/.test(cell.reason)) {
    return {
      ...cell,
      impossible: "each of those filters is required (by the rule itself, another selected scanner or a per-account alarm), and Trivy can only evaluate one.",
    };
  }
  return cell;
}

function stackCell(control: ControlInfo, id: ScannerId, account: AccountModel, facts: StackFacts, securityHub: SecurityHubFacts): ReportCell | undefined {
  if (!control.checks?.[id]) return undefined;
  switch (control.kind) {
    case "alarm-actions": {
      // Steampipe accepts any action; Security Hub and Prowler want one for the ALARM state. Every alarm here has one or none of them.
      const silent = facts.alarms.filter((alarm) => alarm.alarmActions.length === 0);
      return silent.length
        ? fail(`${silent.length} alarm(s) without actions: ${silent.map((alarm) => alarm.name).join(", ")}`)
        : pass(`all ${facts.alarms.length} alarms notify a topic`);
    }
    case "alarm-actions-enabled": {
      const off = facts.alarms.filter((alarm) => !alarm.actionsEnabled);
      return off.length
        ? fail(`actions disabled on ${off.map((alarm) => alarm.name).join(", ")}`)
        : pass(`actions enabled on all ${facts.alarms.length} alarms`);
    }
    case "log-group-retention": {
      if (facts.createdLogGroups.length === 0)
        return { status: "N/A", reason: "this stack creates no log group (the existing trail group's retention is set where it was created)" };
      const short = facts.createdLogGroups.filter((group) => group.retentionDays < MIN_RETENTION_DAYS);
      return short.length
        ? fail(`${short.map((group) => `${group.name} keeps ${group.retentionDays} days`).join(", ")}; at least ${MIN_RETENTION_DAYS}`)
        : pass(`${facts.createdLogGroups.map((group) => `${group.name}: ${group.retentionDays} days`).join(", ")}`);
    }
    case "security-hub-enabled": {
      // Off by default: organizations usually enable Security Hub centrally, and enabling it twice fails.
      if (!account.securityHub.enabled)
        return { status: "N/A", reason: "not managed by this config (security_hub.enabled: false); enable it here or centrally" };
      const missing = account.regions.filter((region) => !securityHub.regions.get(region)?.standards.length);
      return missing.length
        ? fail(`no Security Hub with a standard in ${missing.join(", ")}`)
        : pass(`enabled with ${account.securityHub.standards.join(", ")} in ${account.regions.length} regions`);
    }
    default:
      return undefined;
  }
}

/** True when every cell of a selected scanner passes, is not applicable, or can never pass (and says why). */
export function selectedPass(report: AccountReport): boolean {
  return report.rows.every((row) => report.selected.every((id) => !row.cells[id] || row.cells[id]!.status !== "FAIL" || row.cells[id]!.impossible));
}
