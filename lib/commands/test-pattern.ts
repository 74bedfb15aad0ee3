import { builtInPackFiles, loadRulePacks } from "../config/load-packs";
import { InvalidInputError, ProblemList } from "../config/problems";
import { EventEntry, readEvents, toLogEvent } from "../events/read-events";
import { FilterPattern, PatternSyntaxError, logEventFromRecord, matches, parsePattern } from "../pattern";
import { readFixture } from "../pattern/fixtures";
import { closest } from "../config/schema-validator";
import { projectRoot } from "../paths";
import { Output, parseCommandLine, processOutput, usageError } from "./command-line";

const USAGE = `usage: npm run test-pattern -- (--pattern '<pattern>' | --rule <id>) [--json] [events...]

The offline equivalent of \`aws logs test-metric-filter\`. Events come from JSON files (one
event, an array, or a CloudTrail {"Records": [...]} file), JSON Lines files, folders of such
files, or - for stdin. With --rule and no events, the rule's own examples are checked.
  --json   one JSON object per event and line: {"index", "match", "origin", ...}`;

/** Runs the command; returns the exit status (0 fine, 1 unreadable events or failed examples, 2 usage). */
export function testPatternCommand(argv: string[], out: Output, readStdin?: () => string): number {
  const parsed = parseCommandLine(argv, { pattern: { type: "string" }, rule: { type: "string" }, json: { type: "boolean" } }, USAGE, out);
  if (typeof parsed === "number") return parsed;
  const { positionals } = parsed;
  const options = parsed.options as { pattern?: string; rule?: string; json?: boolean };
  if ((options.pattern === undefined) === (options.rule === undefined)) return usageError(out, "give exactly one of --pattern and --rule", USAGE);

  let text = options.pattern;
  let examples: { match: readonly string[]; noMatch: readonly string[] } | undefined;
  if (options.rule !== undefined) {
    const problems = new ProblemList();
    const catalog = loadRulePacks(builtInPackFiles(projectRoot()), problems, (file) => file);
    if (!problems.isEmpty) {
      out.error(`${new InvalidInputError(problems.all).message}\n`);
      return 2;
    }
    const rule = catalog.rules.get(options.rule);
    if (!rule) {
      const suggestion = closest(options.rule, [...catalog.rules.keys()]);
      out.error(`error: unknown rule id "${options.rule}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}\n`);
      return 2;
    }
    text = rule.pattern;
    examples = rule.examples;
  }

  let pattern: FilterPattern;
  try {
    pattern = parsePattern(text!);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    out.error(`error: column ${error.column} of the pattern: ${error.reason}\n  ${text}\n  ${" ".repeat(error.column - 1)}^\n`);
    return 2;
  }

  if (positionals.length === 0) {
    if (!examples) return usageError(out, "no events given", USAGE);
    return checkExamples(pattern, examples, options.json ?? false, out);
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
      out.write(`${JSON.stringify({ index: entry.index, match: result.match, origin: entry.origin, ...describe(entry), ...(result.error ? { error: result.error } : {}) })}\n`);
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

function checkExamples(pattern: FilterPattern, examples: { match: readonly string[]; noMatch: readonly string[] }, json: boolean, out: Output): number {
  const cases = [...examples.match.map((name) => ({ name, expected: true })), ...examples.noMatch.map((name) => ({ name, expected: false }))];
  let failures = 0;
  cases.forEach(({ name, expected }, index) => {
    const match = matches(pattern, logEventFromRecord(readFixture(name)));
    if (match !== expected) failures++;
    if (json) out.write(`${JSON.stringify({ index, match, expected, origin: name })}\n`);
    else out.write(`  ${match === expected ? "ok  " : "FAIL"} ${expected ? "must match    " : "must not match"}  ${name}\n`);
  });
  if (!json) out.write(`${cases.length - failures} of ${cases.length} examples behave as the rule says\n`);
  return failures ? 1 : 0;
}

if (require.main === module) process.exitCode = testPatternCommand(process.argv.slice(2), processOutput);
