import { DelimitedCondition, FilterPattern, JsonExpression } from "./ast";
import { parseDelimitedPattern } from "./parse-delimited";
import { parseJsonPattern } from "./parse-json";
import { parseTermPattern } from "./parse-terms";
import { Cursor } from "./cursor";

/** AWS's limit on a metric filter pattern (PutMetricFilter: filterPattern, 0 to 1024 characters). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Parses any CloudWatch Logs filter pattern. Throws PatternSyntaxError with the column
 * where parsing failed and what was expected there.
 */
export function parsePattern(text: string): FilterPattern {
  const cursor = new Cursor(text);
  cursor.skipSpaces();
  if (cursor.done) return { kind: "all" };
  if (cursor.peek() === "{" || cursor.peek() === "[") {
    const pattern = cursor.peek() === "{" ? parseJsonPattern(cursor) : parseDelimitedPattern(cursor);
    const regexes = countRegexes(pattern);
    if (regexes > MAX_REGEXES_PER_PATTERN) {
      cursor.fail(`${regexes} regular expressions; a JSON or space-delimited pattern may hold at most ${MAX_REGEXES_PER_PATTERN}`, 1);
    }
    return pattern;
  }
  return parseTermPattern(cursor);
}

/** CloudWatch Logs quota: regular expressions per JSON or space-delimited pattern. */
export const MAX_REGEXES_PER_PATTERN = 2;

/** How many %regex% values a parsed pattern holds (CloudWatch Logs limits them per pattern and per log group). */
export function countRegexes(pattern: FilterPattern): number {
  const inJson = (expression: JsonExpression): number => {
    if (expression.kind === "or" || expression.kind === "and") return expression.operands.reduce((sum, operand) => sum + inJson(operand), 0);
    return expression.kind === "comparison" && expression.value.kind === "regex" ? 1 : 0;
  };
  const inDelimited = (condition: DelimitedCondition): number => {
    if (condition.kind === "comparison") return condition.value.kind === "regex" ? 1 : 0;
    return condition.operands.reduce((sum, operand) => sum + inDelimited(operand), 0);
  };
  switch (pattern.kind) {
    case "all":
      return 0;
    case "json":
      return inJson(pattern.expression);
    case "terms":
      return pattern.terms.filter((term) => term.regex).length;
    case "delimited":
      return pattern.fields.reduce((sum, field) => sum + (field.kind === "field" && field.condition ? inDelimited(field.condition) : 0), 0);
  }
}
