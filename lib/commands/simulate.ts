import { INPUT_LIMITS, InputRefusal } from "../source/read-text";
import { describeRefusal, readJson } from "../source/read-json";
import { synthesizeToTexts } from "../synth/synth-stacks";
import { loadConfig } from "../config/load-config";
import { InvalidInputError } from "../source/problems";
import { readEvents } from "../events/read-events";
import { DEFAULT_CONFIG, configFileFrom } from "../source/paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";
import { renderJson, renderText } from "../simulate/render";
import { simulate } from "../simulate/simulate";
import { readStackMonitoring } from "../simulate/stack-monitoring";

const USAGE = `usage: npm run simulate -- [--config <file> [--account <name>] | --stack <cdk.tf.json>] [--json] <events...>

Replays CloudTrail events (each with eventTime) through every metric filter of the
synthesized stack and every alarm on what the filters emit, and prints when each alarm
would go to ALARM (and back) and which topic it would notify. It reads the Terraform the
config synthesizes (or a cdk.tf.json you name), so a wrong namespace, stray dimensions or an
unreachable threshold show up as alarms that never fire. Events are read like test-pattern's.
  --config   deployment config (default: CIS_CONFIG or ${DEFAULT_CONFIG})
  --account  only this account's stack
  --stack    a synthesized stack file instead of a config
  --json     one JSON document per stack
  --no-background  do not assume the log group receives other events every minute (by
             default filters with a default value publish it each minute, as in a live account)`;

export function simulateCommand(argv: string[], out: Output, readStdin?: () => string): number {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: "string" },
      account: { type: "string" },
      stack: { type: "string" },
      json: { type: "boolean" },
      "no-background": { type: "boolean" },
    },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { config?: string; account?: string; stack?: string; json?: boolean; "no-background"?: boolean };
  if (positionals.length === 0) return usageError(out, "no events given", USAGE);

  let stacks: { title: string; json: unknown }[];
  try {
    stacks = options.stack ? [{ title: options.stack, json: readStackFile(options.stack) }] : synthesizedStacks(options.config, options.account);
  } catch (error) {
    if (error instanceof InvalidInputError) out.error(`${error.message}\n`);
    else if (error instanceof InputRefusal) out.error(`error: ${describeRefusal(options.stack!, error)}\n`);
    else if (error instanceof UnknownAccount || error instanceof SyntaxError) out.error(`error: ${error.message}\n`);
    else throw error;
    return 2;
  }

  const entries = readEvents(positionals, readStdin);
  let problems = 0;
  for (const stack of stacks) {
    const report = simulate(readStackMonitoring(stack.json as never), entries, { background: !options["no-background"] });
    problems += report.problems.length;
    out.write(options.json ? renderJson(report, stack.title) : renderText(report, stack.title));
  }
  return problems ? 1 : 0;
}

/** Synthesizes the config (as `cdktf synth` would) into a temporary folder and reads each stack back. */
function synthesizedStacks(configOption: string | undefined, account: string | undefined): { title: string; json: unknown }[] {
  const configFile = configFileFrom(configOption);
  const { model } = loadConfig(configFile);
  const accounts = model.accounts.filter((candidate) => account === undefined || candidate.name === account);
  if (accounts.length === 0)
    throw new UnknownAccount(`no account named ${account} in ${configFile}; accounts: ${model.accounts.map((a) => a.name).join(", ")}`);
  const stacks = synthesizeToTexts({ ...model, accounts });
  return accounts.map((candidate) => ({ title: `stack ${candidate.name}`, json: JSON.parse(stacks.get(candidate.stacks.home)!) }));
}

class UnknownAccount extends Error {}

/**
 * A synthesized stack file, read like any input: a regular file within the limits, JSON not
 * nested too deep. Its shape is the simulation's to judge: a damaged stack is reported, wire by wire.
 */
function readStackFile(file: string): unknown {
  return readJson(file, INPUT_LIMITS.eventBytes, INPUT_LIMITS.depth);
}

if (require.main === module) process.exitCode = simulateCommand(process.argv.slice(2), processOutput);
