import { AccountModel } from "../config/model";
import { CONTROLS, ControlInfo, MIN_RETENTION_DAYS } from "./controls";
import { Cell, fail, pass } from "./scanner";
import { ScannerData, ScannerId, SCANNER_IDS } from "./scanner-data";
import { SCANNERS } from "./scanners";
import { StackFacts } from "./stack-facts";

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
}

/** What the report takes for granted about things outside the stacks (printed with every report). */
export const ASSUMPTIONS = [
  "the filters' log group is the CloudWatch Logs group of a multi-Region trail that is logging read and write management events, in its home Region (the stack's region), owned by this account",
  "every e-mail, https and other subscription is confirmed, and a Chatbot channel's own subscription exists",
];

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
  return { account: account.name, stack: facts.stack, selected: account.scanners, rows };
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
