import { CIS_VERSIONS, CisVersion, ControlInfo } from "../model/controls";
import { ASSUMPTIONS, AccountReport, MemberReport, ReportCell, SECURITY_HUB_STANDARDS } from "./report";
import { SCANNER_IDS, ScannerId } from "../scanners/scanner-data";

export interface ComplianceReport {
  readonly config: string;
  readonly accounts: readonly AccountReport[];
  /** Accounts whose events another account watches: no filters here, and what a scan of the account alone decides. */
  readonly monitoredElsewhere: readonly MemberReport[];
  readonly titles: Readonly<Record<ScannerId, string>>;
}

/**
 * The control's number in each run of benchmark versions that share it, e.g. "3.1 (v1.2),
 * 4.1 (v1.4-v5.0), 5.1 (v6.0-v7.0)"; "-" for a control the benchmark does not number.
 */
export function cisNumbers(control: ControlInfo): string {
  const runs: { number: string; first: CisVersion; last: CisVersion }[] = [];
  let previous: string | undefined;
  for (const version of CIS_VERSIONS) {
    const number = control.cis[version];
    if (number !== undefined && number === previous) runs.at(-1)!.last = version;
    else if (number !== undefined) runs.push({ number, first: version, last: version });
    previous = number;
  }
  const short = (version: CisVersion) => `v${version.split(".").slice(0, 2).join(".")}`;
  return runs.map(({ number, first, last }) => `${number} (${first === last ? short(first) : `${short(first)}-${short(last)}`})`).join(", ") || "-";
}
const mark = (cell: ReportCell | undefined) => (!cell ? "—" : cell.impossible ? "FAIL (never)" : cell.status);

/** Said of an account's placeholder subscriptions: the assumption of confirmed subscriptions does not hold. */
const UNCONFIRMED =
  "placeholder subscriptions, never confirmed (CIS' audit and Security Hub's CloudWatch checks want a confirmed subscriber; replace them before deploying):";

/** A report a person reads in a terminal. */
export function renderComplianceText(report: ComplianceReport): string {
  const lines = [`compliance: ${report.config}`, "assumes:", ...ASSUMPTIONS.map((text) => `  - ${text}`), `note: ${SECURITY_HUB_STANDARDS}`];
  for (const account of report.accounts) {
    lines.push("", `account ${account.account} (stack ${account.stack}); selected: ${account.selected.join(", ")}`);
    const header = ["control", "Security Hub", "CIS benchmark", ...SCANNER_IDS.map((id) => (account.selected.includes(id) ? id : `(${id})`))];
    const rows = account.rows.map((row) => [
      row.control.id,
      row.control.securityHub ?? "-",
      cisNumbers(row.control),
      ...SCANNER_IDS.map((id) => mark(row.cells[id])),
    ]);
    const widths = header.map((_, column) => Math.max(...[header, ...rows].map((cells) => cells[column].length)));
    for (const cells of [header, ...rows])
      lines.push(
        `  ${cells
          .map((cell, column) => cell.padEnd(widths[column]))
          .join("  ")
          .trimEnd()}`,
      );
    const notes = reasons(account, (id) => account.selected.includes(id));
    if (notes.length) lines.push("  why (selected scanners):", ...notes.map((note) => `    ${note}`));
    if (account.placeholderSubscriptions.length) lines.push(`  ${UNCONFIRMED}`, ...account.placeholderSubscriptions.map((entry) => `    ${entry}`));
    const regions = securityHubRegions(account);
    if (regions) lines.push(`  ${regions}`);
  }
  for (const member of report.monitoredElsewhere) lines.push("", monitoredElsewhere(member));
  return `${lines.join("\n")}\n`;
}

/** docs/compliance.md's table: one per account, cells linked to nothing, reasons listed below. */
export function renderComplianceMarkdown(report: ComplianceReport): string {
  const lines: string[] = [];
  for (const account of report.accounts) {
    const header = [
      "control",
      "Security Hub",
      "CIS benchmark",
      ...SCANNER_IDS.map((id) => (account.selected.includes(id) ? report.titles[id] : `${report.titles[id]} (not selected)`)),
    ];
    lines.push(`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`);
    for (const row of account.rows) {
      lines.push(
        `| ${[row.control.title, row.control.securityHub ?? "", cisNumbers(row.control), ...SCANNER_IDS.map((id) => mark(row.cells[id]))].join(" | ")} |`,
      );
    }
    // The selected scanners' cells that do not pass, and every cell that never can.
    const notes = reasons(account, (id, cell) => account.selected.includes(id) || cell.impossible !== undefined);
    if (notes.length) lines.push("", ...notes.map((note) => `- ${note}`));
    if (account.placeholderSubscriptions.length) {
      lines.push("", `${UNCONFIRMED} ${account.placeholderSubscriptions.map((entry) => `\`${entry}\``).join(", ")}.`);
    }
    const regions = securityHubRegions(account);
    if (regions) lines.push("", `${regions}.`);
  }
  return `${lines.join("\n")}\n`;
}

export function renderComplianceJson(report: ComplianceReport): string {
  return `${JSON.stringify(
    {
      config: report.config,
      assumptions: ASSUMPTIONS,
      securityHubStandards: SECURITY_HUB_STANDARDS,
      accounts: report.accounts.map((account) => ({
        account: account.account,
        stack: account.stack,
        selected: account.selected,
        placeholderSubscriptions: account.placeholderSubscriptions,
        securityHubUncovered: account.securityHubUncovered ?? null,
        controls: account.rows.map((row) => ({
          control: row.control.id,
          title: row.control.title,
          securityHub: row.control.securityHub ?? null,
          cis: row.control.cis,
          cells: row.cells,
        })),
      })),
      monitoredElsewhere: report.monitoredElsewhere,
    },
    null,
    2,
  )}\n`;
}

/** Every failing, impossible or not-applicable cell of the chosen scanners, with its reason. */
function reasons(account: AccountReport, include: (id: ScannerId, cell: ReportCell) => boolean): string[] {
  const out: string[] = [];
  for (const row of account.rows) {
    for (const id of SCANNER_IDS) {
      const cell = row.cells[id];
      if (!cell || cell.status === "PASS" || !include(id, cell)) continue;
      const never = cell.impossible ? ` Never passes: ${cell.impossible.replace(/\.?$/, ".")}` : "";
      out.push(`${id}, ${row.control.id}: ${cell.status}: ${cell.reason}.${never}`);
    }
  }
  return out;
}

function monitoredElsewhere(member: MemberReport): string {
  const by = member.by ? `${member.by}'s organization trail` : "another account";
  const scanned = member.verdicts
    .filter((verdict) => verdict.scanner !== "security-hub" && verdict.checked > 0)
    .map((verdict) => `${verdict.scanner} fails ${verdict.failing.length} of its ${verdict.checked} monitoring checks`);
  const where = member.by
    ? `scan ${member.by}, the trail's account, for these controls (its verdicts are above)`
    : "scan the account that holds the trail's log group";
  return [
    `account ${member.account}: no metric filters here; ${by} covers its events. Security Hub reports NO_DATA for CloudWatch.1-14 in this account.`,
    scanned.length
      ? ` Scanned alone, a scanner reads only this account's metric filters (Steampipe reads several accounts only through an aggregator connection): ${scanned.join(", ")}; ${where}.`
      : "",
  ].join("");
}

/** The regions a scan checks for CIS 4.16 that the config does not enable Security Hub in. */
function securityHubRegions(account: AccountReport): string | undefined {
  const regions = account.securityHubUncovered;
  if (!regions) return undefined;
  return `CIS 4.16 / 5.16: this config enables Security Hub in ${regions.covered.join(", ")}; Prowler and Steampipe check every region enabled in the account, and fail it in any of the other ${regions.uncovered.length} (${regions.uncovered.join(", ")}) that is enabled, unless Security Hub is enabled there another way`;
}

/**
 * A pull request comment: one line per account (its selected scanners' cells: pass, fail,
 * never, not applicable), the accounts an organization trail covers, and the failing cells
 * with their reasons, cut to `maxChars` (the command passes GitHub's comment limit) with a line
 * that says how much was left out.
 */
export function renderComplianceSummary(report: ComplianceReport, maxChars: number): string {
  const head = [`### Compliance: \`${report.config}\``, "", "| account | selected scanners | pass | fail | never | N/A |", "|---|---|---|---|---|---|"];
  const rows: string[] = [];
  const failing: string[] = [];
  for (const account of report.accounts) {
    const counts = { PASS: 0, FAIL: 0, never: 0, "N/A": 0 };
    for (const row of account.rows) {
      for (const id of account.selected) {
        const cell = row.cells[id];
        if (!cell) continue;
        if (cell.impossible) counts.never++;
        else counts[cell.status]++;
        if (cell.status === "FAIL" && !cell.impossible) failing.push(`- ${account.account}, ${id}, ${row.control.id}: ${cell.reason}`);
      }
    }
    rows.push(`| ${account.account} | ${account.selected.join(", ")} | ${counts.PASS} | ${counts.FAIL} | ${counts.never} | ${counts["N/A"]} |`);
  }
  const members = report.monitoredElsewhere;
  const tail = members.length
    ? [
        "",
        `${members.length} account(s) covered by an organization trail, with no filters of their own (scan the trail's account for these controls): ${members.map((member) => member.account).join(", ")}.`,
      ]
    : [];
  const body = [...rows, ...tail, ...(failing.length ? ["", "Failing cells:", ...failing] : [])];
  const lines = [...head];
  let size = lines.join("\n").length;
  for (const [index, line] of body.entries()) {
    const rest = body.length - index;
    const note = `\n\n… ${rest} more line(s) left out to fit a comment of ${maxChars} characters; \`npm run --silent compliance\` prints them all.`;
    if (size + line.length + 1 + note.length > maxChars) {
      lines.push(note.trimStart());
      return `${lines.join("\n")}\n`;
    }
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}
