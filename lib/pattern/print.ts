import { DelimitedCondition, FilterPattern, JsonExpression, PatternValue } from "./ast";

/**
 * The leaf conditions of a pattern in one canonical spelling (`$.eventName = "CreateTrail"`),
 * however the pattern wrote them. Reviews diff these lists to say which events a changed
 * pattern gains or loses.
 */
export function leafConditions(pattern: FilterPattern): string[] {
  switch (pattern.kind) {
    case "all":
      return [];
    case "terms":
      return pattern.terms.map((term) => `${term.exclude ? "-" : ""}${term.regex ? `%${term.text}%` : JSON.stringify(term.text)}`);
    case "json":
      return jsonLeaves(pattern.expression);
    case "delimited":
      return pattern.fields.flatMap((field) => (field.kind === "field" && field.condition ? delimitedLeaves(field.condition) : []));
  }
}

function jsonLeaves(expression: JsonExpression): string[] {
  switch (expression.kind) {
    case "or":
    case "and":
      return expression.operands.flatMap(jsonLeaves);
    case "test":
      return [`${expression.selector.text} ${{ null: "IS NULL", "not-exists": "NOT EXISTS", true: "IS TRUE", false: "IS FALSE" }[expression.test]}`];
    case "comparison":
      return [`${expression.selector.text} ${expression.operator} ${printValue(expression.value)}`];
  }
}

function delimitedLeaves(condition: DelimitedCondition): string[] {
  if (condition.kind === "comparison") return [`${condition.field} ${condition.operator} ${printValue(condition.value)}`];
  return condition.operands.flatMap(delimitedLeaves);
}

function printValue(value: PatternValue): string {
  if (value.kind === "number") return value.text;
  if (value.kind === "regex") return `%${value.source}%`;
  return JSON.stringify(value.text);
}
