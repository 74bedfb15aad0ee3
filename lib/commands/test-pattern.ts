import { loadConfig } from "../config/load-config";
import { RuleDefinition } from "../model/model";
import { InvalidInputError } from "../source/problems";
import { EventEntry, readEvents, toLogEvent } from "../events/read-events";
import { FilterPattern, PatternSyntaxError, describePatternError, matches, parsePattern } from "../pattern";
import { runExamples } from "../evidence/run-examples";
import { didYouMean } from "../source/did-you-mean";
import { configFileFrom } from "../source/paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run test-pattern -- (--pattern '<pattern>' | --rule <id> [--config <file>]) [--json] [events...]

The offline equivalent of \`aws logs test-metric-filter\`. Events come from JSON files (one
event, an array, or a CloudTrail {"Records": [...]} file), JSON Lines files, folders of such
files, or - for stdin. With --rule and no events, the rule's own examples are checked.
  --rule     a rule of the config's packs (built-in ones and its rule_packs)
  --config   deployment config (default: CIS_CONFIG or rules/default.yaml)
  --json     one JSON object per event and line: {"index", "match", "origin", ...}`;

/** Runs the command; returns the exit status (0 fine, 1 unreadable events or failed examples, 2 usage). */
export function testPatternCommand(argv: string[], out: Output, readStdin?: () => string): number {
  const parsed = parseCommandLine(
    argv,
    { pattern: { type: "string" }, rule: { type: "string" }, config: { type: "string" }, json: { type: "boolean" } },
    USAGE,
    out,
  );
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { pattern?: string; rule?: string; config?: string; json?: boolean };
  if ((options.pattern === undefined) === (options.rule === undefined)) return usageError(out, "give exactly one of --pattern and --rule", USAGE);

  let text = options.pattern;
  let rule: RuleDefinition | undefined;
  if (options.rule !== undefined) {
    const configFile = configFileFrom(options.config);
    let rules: ReadonlyMap<string, RuleDefinition>;
    try {
      rules = loadConfig(configFile).catalog.rules;
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      out.error(`${error.message}\n`);
      return 2;
    }
    rule = rules.get(options.rule);
    if (!rule) {
      out.error(
        `error: unknown rule id "${options.rule}"${didYouMean(options.rule, [...rules.keys()])} in the packs ${configFile} loads (--config picks another config)\n`,
      );
      return 2;
    }
    text = rule.pattern;
  }

  let pattern: FilterPattern;
  try {
    pattern = parsePattern(text!);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    out.error(`error: ${describePatternError(text!, error, "  ")}\n`);
    return 2;
  }

  if (positionals.length === 0) {
    if (!rule) return usageError(out, "no events given", USAGE);
    return checkExamples(rule, options.json ?? false, out);
  }

  const entries = readEvents(positionals, readStdin);
  let matched = 0;
  let unreadable = 0;
  if (!options.json) out.write(`pattern: ${text}\n`);
  for (const entry of entries) {
    const result = evaluate(pattern, entry);
    if (result.error) unreadable++;
    if (result.match) matched++;
    if (options.json) {
      out.write(
        `${JSON.stringify({ index: entry.index, match: result.match, origin: entry.origin, ...describe(entry), ...(result.error ? { error: result.error } : {}) })}\n`,
      );
    } else {
      const label = result.error ? "ERROR   " : result.match ? "MATCH   " : "no match";
      out.write(`  ${label} #${entry.index}  ${entry.origin}  ${result.error ?? summary(entry)}\n`);
    }
  }
  if (!options.json) {
    out.write(`${matched} of ${entries.length} events match${unreadable ? `; ${unreadable} could not be read` : ""}\n`);
  }
  return unreadable ? 1 : 0;
}

function evaluate(pattern: FilterPattern, entry: EventEntry): { match: boolean; error?: string } {
  if (entry.error) return { match: false, error: entry.error };
  return { match: matches(pattern, toLogEvent(entry)) };
}

function describe(entry: EventEntry): Record<string, unknown> {
  const record = entry.record as { eventName?: unknown; eventSource?: unknown; eventTime?: unknown } | undefined;
  if (!record) return {};
  return { eventName: record.eventName, eventSource: record.eventSource, eventTime: record.eventTime };
}

function summary(entry: EventEntry): string {
  const record = entry.record as { eventName?: string; eventSource?: string; userIdentity?: { type?: string }; errorCode?: string } | undefined;
  if (!record) return JSON.stringify(entry.message ?? "").slice(0, 80);
  return [record.eventSource, record.eventName, record.userIdentity?.type, record.errorCode].filter(Boolean).join("  ");
}

function checkExamples(rule: RuleDefinition, json: boolean, out: Output): number {
  const results = runExamples(rule);
  let failures = 0;
  results.forEach((result, index) => {
    const ok = result.error === undefined && result.matched === result.expected;
    if (!ok) failures++;
    if (json)
      out.write(
        `${JSON.stringify({ index, match: result.matched ?? null, expected: result.expected, origin: result.example.name, ...(result.error ? { error: result.error } : {}) })}\n`,
      );
    else
      out.write(
        `  ${ok ? "ok  " : "FAIL"} ${result.expected ? "must match    " : "must not match"}  ${result.example.name}${result.error ? `  (${result.error})` : ""}\n`,
      );
  });
  if (!json) out.write(`${results.length - failures} of ${results.length} examples behave as the rule says\n`);
  return failures ? 1 : 0;
}

if (require.main === module) process.exitCode = testPatternCommand(process.argv.slice(2), processOutput);
