import { INPUT_LIMITS } from "./read-text";
import { Problem, ProblemList } from "./problems";
import { JsonSchema, SchemaIssue, validateAgainstSchema } from "./schema-validator";
import { YamlSource, formatPath } from "./yaml-source";

/*
 * Reading a YAML file into a source with positions, and validating it against a JSON Schema,
 * with every failure added to a problem list at its line and column (never thrown). Used for
 * configs, rule packs and scanner data alike.
 */

/** The source of a file, or undefined when it cannot be read or parsed (the problems say why). */
export function readSource(file: string, display: string, problems: ProblemList): YamlSource | undefined {
  return collectingProblems(() => YamlSource.read(file, display), problems);
}

/** A source from text already read (bounded like a file: at most INPUT_LIMITS.configBytes). */
export function parseSource(display: string, text: string, problems: ProblemList): YamlSource | undefined {
  if (Buffer.byteLength(text) > INPUT_LIMITS.configBytes) {
    problems.add({ file: display, line: 1, column: 1 }, "", `is more than ${INPUT_LIMITS.configBytes / 1024 / 1024} MiB; at most that much is read`);
    return undefined;
  }
  return collectingProblems(() => YamlSource.parse(display, text), problems);
}

/** Runs a read that throws located problems (an InvalidInputError or a refusal); adds them instead, and gives undefined. */
function collectingProblems(read: () => YamlSource, problems: ProblemList): YamlSource | undefined {
  try {
    return read();
  } catch (error) {
    const list = (error as { problems?: readonly Problem[] }).problems;
    if (!list) throw error;
    for (const problem of list) problems.add(problem.location, problem.field, problem.message);
    return undefined;
  }
}

/** Adds schema problems at their exact positions; returns them. */
export function reportSchemaIssues(source: YamlSource, schema: JsonSchema, problems: ProblemList): SchemaIssue[] {
  const issues = validateAgainstSchema(source.value, schema);
  for (const issue of issues) {
    const location = issue.atKey ? source.locateKey(issue.path) : source.locate(issue.path);
    problems.add(location, formatPath(issue.path), issue.message);
  }
  return issues;
}
