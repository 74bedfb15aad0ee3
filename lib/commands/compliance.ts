import { loadConfig } from "../config/load-config";
import { InvalidInputError } from "../config/problems";
import { complianceReport } from "../compliance/build-report";
import { renderComplianceJson, renderComplianceMarkdown, renderComplianceText } from "../compliance/render";
import { selectedPass } from "../compliance/report";
import { configFileFrom } from "../paths";
import { Output, configArgument, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run --silent compliance -- [--config <file> | <file>] [--account <name>] [--json | --markdown]

For each account's stack and each CIS monitoring control (Security Hub id, CIS v1.2.0,
v1.4.0, v1.5.0 and v3.0.0 numbers), whether each compliance scanner would pass it, with
the reason: Security Hub, Prowler, Steampipe (aws-compliance), CloudSploit and Trivy, as
rules/scanners/*.yaml describes their checks. It reads the Terraform the config
synthesizes, offline, and says what it assumes about the trail and the subscriptions.
Cells that can never pass are marked so, with why.
  --config    deployment config (default: CIS_CONFIG or rules/default.yaml)
  --account   only this account
Exit status: 0 when every cell of every selected scanner passes (or can never pass), 1
otherwise, 2 on a usage or config error.`;

export function complianceCommand(argv: string[], out: Output): number {
  const parsed = parseCommandLine(
    argv,
    { config: { type: "string" }, account: { type: "string" }, json: { type: "boolean" }, markdown: { type: "boolean" } },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const options = parsed.options as { config?: string; account?: string; json?: boolean; markdown?: boolean };
  if (options.json && options.markdown) return usageError(out, "choose one of --json and --markdown", USAGE);
  const argument = configArgument(parsed.options, parsed.positionals);
  if (typeof argument === "string") return usageError(out, argument, USAGE);
  const configFile = configFileFrom(argument.config);
  try {
    if (options.account !== undefined) {
      const names = loadConfig(configFile).model.accounts.map((account) => account.name);
      if (!names.includes(options.account)) return usageError(out, `no account named ${options.account}; accounts: ${names.join(", ")}`, USAGE);
    }
    const report = complianceReport(configFile, options.account === undefined ? undefined : (name) => name === options.account);
    out.write(options.json ? renderComplianceJson(report) : options.markdown ? renderComplianceMarkdown(report) : renderComplianceText(report));
    return report.accounts.every(selectedPass) ? 0 : 1;
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    out.error(`${error.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = complianceCommand(process.argv.slice(2), processOutput);
