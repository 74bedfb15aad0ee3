import { FilterPattern } from "./ast";
import { parseDelimitedPattern } from "./parse-delimited";
import { parseJsonPattern } from "./parse-json";
import { parseTermPattern } from "./parse-terms";
import { Scanner } from "./scanner";

/** AWS's limit on a metric filter pattern (PutMetricFilter: filterPattern, 0 to 1024 characters). */
export const MAX_PATTERN_LENGTH = 1024;

/**
 * Parses any CloudWatch Logs filter pattern. Throws PatternSyntaxError with the column
 * where parsing failed and what was expected there.
 */
export function parsePattern(text: string): FilterPattern {
  const scanner = new Scanner(text);
  scanner.skipSpaces();
  if (scanner.done) return { kind: "all" };
  if (scanner.peek() === "{") return parseJsonPattern(scanner);
  if (scanner.peek() === "[") return parseDelimitedPattern(scanner);
  return parseTermPattern(scanner);
}
