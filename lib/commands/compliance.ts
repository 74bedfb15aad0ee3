import { loadConfig } from "../config/load-config";
import { InvalidInputError } from "../source/problems";
import { complianceReport } from "../compliance/build-report";
import { renderComplianceJson, renderComplianceMarkdown, renderComplianceSummary, renderComplianceText } from "../compliance/render";
import { selectedPass } from "../compliance/report";
import { configFileFrom } from "../source/paths";
import { GITHUB_COMMENT_LIMIT } from "../review/markdown";
import { Output, configArgument, maxCharsOption, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run --silent compliance -- [--config <file> | <file>] [--account <name>] [--json | --markdown | --summary [--max-chars 65536]]

For each account's stack and each CIS monitoring control (Security Hub id, its number in
every CIS version from v1.2.0 to v7.0.0), whether each compliance scanner would pass it,
with the reason: Security Hub, Prowler, Steampipe (aws-compliance), CloudSploit and Trivy,
as rules/scanners/*.yaml describes their checks; for an account an organization trail
covers, what a scan of that account alone decides. It reads the Terraform the config
synthesizes, offline, and says what it assumes about the trail and the subscriptions.
Cells that can never pass are marked so, with why.
  --config    deployment config (default: CIS_CONFIG or rules/default.yaml)
  --account   only this account
  --summary   Markdown for a pull request comment: a line per account and the failing
              cells, cut to --max-chars (default 65536, GitHub's limit)
Exit status: 0 when every cell of every selected scanner passes (or can never pass), 1
otherwise, 2 on a usage or config error.`;

export function complianceCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: "string" },
      account: { type: "string" },
      json: { type: "boolean" },
      markdown: { type: "boolean" },
      summary: { type: "boolean" },
      "max-chars": { type: "string" },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { config?: string; account?: string; json?: boolean; markdown?: boolean; summary?: boolean; "max-chars"?: string };
  if ([options.json, options.markdown, options.summary].filter(Boolean).length > 1)
    return usageError(out, "choose one of --json, --markdown and --summary", USAGE);
  if (options["max-chars"] !== undefined && !options.summary) return usageError(out, "--max-chars goes with --summary", USAGE);
  const maxChars = maxCharsOption(options["max-chars"]) ?? GITHUB_COMMENT_LIMIT;
  if (typeof maxChars === "object") return usageError(out, maxChars.error, USAGE);
  const argument = configArgument(parsed.options, parsed.positionals);
  if (typeof argument === "string") return usageError(out, argument, USAGE);
  const configFile = configFileFrom(argument.config);
  try {
    if (options.account !== undefined) {
      const names = loadConfig(configFile).model.accounts.map((account) => account.name);
      if (!names.includes(options.account)) return usageError(out, `no account named ${options.account}; accounts: ${names.join(", ")}`, USAGE);
    }
    const report = complianceReport(configFile, options.account === undefined ? undefined : (name) => name === options.account);
    const render = options.json
      ? renderComplianceJson
      : options.markdown
        ? renderComplianceMarkdown
        : options.summary
          ? (whole: typeof report) => renderComplianceSummary(whole, maxChars)
          : renderComplianceText;
    out.write(render(report));
    return report.accounts.every(selectedPass) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    out.error(`${error.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = complianceCommand(process.argv.slice(2), processOutput);
