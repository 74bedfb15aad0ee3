import { ControlCondition } from "../scanner-data";
import { Scanner, evaluateAlarmPath } from "../scanner";

/**
 * Prowler's checks: every clause of the condition must appear somewhere in the pattern
 * (any order, any other terms), tested as Prowler does with one look-ahead per clause.
 */
export const prowler: Scanner = {
  id: "prowler",
  accepts: (condition, pattern) => prowlerRegex(condition).test(pattern),
  evaluate(condition, facts) {
    return evaluateAlarmPath(this, condition, facts, false, "has every clause Prowler looks for");
  },
};

/** The regular expression a condition stands for (Python re.search with DOTALL: JavaScript's "s" flag). */
export function prowlerRegex(condition: ControlCondition): RegExp {
  if (condition.regex !== undefined) return new RegExp(condition.regex, "s");
  const parts: string[] = [];
  // An optional single character (a quote) may precede each value; event names end at a word boundary.
  if (condition.eventSource !== undefined) parts.push(`(?=.*\\$\\.eventSource\\s*=\\s*.?${escape(condition.eventSource)})`);
  for (const name of condition.eventNames ?? []) parts.push(`(?=.*\\$\\.eventName\\s*=\\s*.?${escape(name)}\\b)`);
  for (const [field, operator, value] of condition.clauses ?? []) {
    parts.push(`(?=.*\\$\\.${escape(field)}\\s*${operator === "!=" ? "!=" : "="}\\s*.?${escape(value)})`);
  }
  return new RegExp(parts.join(""), "s");
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}
