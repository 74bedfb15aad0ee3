import { INPUT_LIMITS, InputRefusal } from "../source/read-text";
import { describeRefusal, readJson } from "../source/read-json";
import { RuleDefinition, RuleExample } from "../model/model";
import { PatternSyntaxError, logEventFromRecord, matches, parsePattern } from "../pattern";

/**
 * Rule evidence, run: each CloudTrail record a rule's pack lists under `examples` against
 * the rule's pattern. Packs keep their evidence beside them (`evidence:` folders), so a
 * user's own pack is checked against the user's own records exactly as the built-in packs
 * are against rules/evidence/.
 */
export interface ExampleResult {
  readonly rule: string;
  readonly example: RuleExample;
  /** true: the pattern must match it; false: it is a near miss the pattern must not match. */
  readonly expected: boolean;
  readonly matched?: boolean;
  /** Why the record could not be evaluated. */
  readonly error?: string;
}

export function runExamples(rule: RuleDefinition): ExampleResult[] {
  let pattern: ReturnType<typeof parsePattern>;
  try {
    pattern = parsePattern(rule.pattern);
  } catch (error) {
    if (!(error instanceof PatternSyntaxError)) throw error;
    return []; // the loader reports an unparsable pattern
  }
  const cases = [
    ...rule.examples.match.map((example) => ({ example, expected: true })),
    ...rule.examples.noMatch.map((example) => ({ example, expected: false })),
  ];
  return cases.map(({ example, expected }) => {
    const record = readRecord(example);
    if (typeof record === "string") return { rule: rule.id, example, expected, error: record };
    return { rule: rule.id, example, expected, matched: matches(pattern, logEventFromRecord(record.value)) };
  });
}

/** The record, or why it cannot be read (located in the record's file): bounded like every events file. */
export function readRecord(example: RuleExample): { value: unknown } | string {
  if (!example.file) return `no evidence file ${example.name}.json`;
  try {
    return { value: readJson(example.file, INPUT_LIMITS.eventBytes, INPUT_LIMITS.depth) };
  } catch (error) {
    if (!(error instanceof InputRefusal)) throw error;
    return describeRefusal(example.file, error);
  }
}

/** A failed example as a located line: `pack.yaml:12:11: rules[0].examples.match[1]: ...`. */
export function describeFailure(result: ExampleResult): string {
  const { file, line, column, field } = result.example.source;
  const what =
    result.error ??
    (result.expected
      ? `the pattern of ${result.rule} does not match ${result.example.name}, but must`
      : `the pattern of ${result.rule} matches ${result.example.name}, a near miss it must not match`);
  return `${file}:${line}:${column}: ${field}: ${what}`;
}
