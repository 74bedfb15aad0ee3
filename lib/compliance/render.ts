import { ControlInfo } from "./controls";
import { ASSUMPTIONS, AccountReport, ReportCell } from "./report";
import { SCANNER_IDS, ScannerId } from "./scanner-data";

export interface ComplianceReport {
  readonly config: string;
  readonly accounts: readonly AccountReport[];
  /** Accounts whose events another account watches: no filters, so no monitoring cells. */
  readonly monitoredElsewhere: readonly { readonly account: string; readonly by?: string }[];
  readonly titles: Readonly<Record<ScannerId, string>>;
}

const cis = (control: ControlInfo) => (["1.2.0", "1.4.0", "1.5.0", "3.0.0"] as const).map((version) => control.cis[version] ?? "-").join(" / ");
const mark = (cell: ReportCell | undefined) => (!cell ? "—" : cell.impossible ? "FAIL (never)" : cell.status);

/** A report a person reads in a terminal. */
export function renderComplianceText(report: ComplianceReport): string {
  const lines = [`compliance: ${report.config}`, "assumes:", ...ASSUMPTIONS.map((text) => `  - ${text}`)];
  for (const account of report.accounts) {
    lines.push("", `account ${account.account} (stack ${account.stack}); selected: ${account.selected.join(", ")}`);
    const header = ["control", "Security Hub", "CIS 1.2/1.4/1.5/3.0", ...SCANNER_IDS.map((id) => (account.selected.includes(id) ? id : `(${id})`))];
    const rows = account.rows.map((row) => [row.control.id, row.control.securityHub ?? "-", cis(row.control), ...SCANNER_IDS.map((id) => mark(row.cells[id]))]);
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
  }
  for (const member of report.monitoredElsewhere) lines.push("", monitoredElsewhere(member));
  return `${lines.join("\n")}\n`;
}

/** The README's table: one per account, cells linked to nothing, reasons listed below. */
export function renderComplianceMarkdown(report: ComplianceReport): string {
  const lines: string[] = [];
  for (const account of report.accounts) {
    const header = [
      "control",
      "Security Hub",
      "CIS 1.2 / 1.4 / 1.5 / 3.0",
      ...SCANNER_IDS.map((id) => (account.selected.includes(id) ? report.titles[id] : `${report.titles[id]} (not selected)`)),
    ];
    lines.push(`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`);
    for (const row of account.rows) {
      lines.push(`| ${[row.control.title, row.control.securityHub ?? "", cis(row.control), ...SCANNER_IDS.map((id) => mark(row.cells[id]))].join(" | ")} |`);
    }
    // The selected scanners' cells that do not pass, and every cell that never can.
    const notes = reasons(account, (id, cell) => account.selected.includes(id) || cell.impossible !== undefined);
    if (notes.length) lines.push("", ...notes.map((note) => `- ${note}`));
  }
  return `${lines.join("\n")}\n`;
}

export function renderComplianceJson(report: ComplianceReport): string {
  return `${JSON.stringify(
    {
      config: report.config,
      assumptions: ASSUMPTIONS,
      accounts: report.accounts.map((account) => ({
        account: account.account,
        stack: account.stack,
        selected: account.selected,
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

function monitoredElsewhere(member: { account: string; by?: string }): string {
  const by = member.by ? `${member.by}'s organization trail` : "another account";
  return `account ${member.account}: no metric filters here; ${by} covers its events (Security Hub reports NO_DATA for CloudWatch.1-14 in this account)`;
}
