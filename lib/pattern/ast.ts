/**
 * The parsed form of a CloudWatch Logs filter pattern. Three languages share one filter
 * field: JSON patterns (`{ $.a = 1 }`), space-delimited patterns (`[ip, user, ...]`) and
 * term patterns (`ERROR -DEBUG`, `?WARN ?ERROR`). An empty pattern matches every event.
 */

export type FilterPattern = MatchAll | JsonPattern | TermPattern | DelimitedPattern;

export interface MatchAll {
  readonly kind: "all";
}

export interface JsonPattern {
  readonly kind: "json";
  readonly expression: JsonExpression;
}

export type JsonExpression = JsonOr | JsonAnd | JsonComparison | JsonTest;

/** `a || b || c`: n-ary, so a long chain is a wide node, not a deep tree. */
export interface JsonOr {
  readonly kind: "or";
  readonly operands: readonly JsonExpression[];
}

export interface JsonAnd {
  readonly kind: "and";
  readonly operands: readonly JsonExpression[];
}

export type ComparisonOperator = "=" | "!=" | "<" | ">" | "<=" | ">=";

export interface JsonComparison {
  readonly kind: "comparison";
  readonly selector: Selector;
  readonly operator: ComparisonOperator;
  readonly value: PatternValue;
}

/** `IS NULL`, `NOT EXISTS`, `IS TRUE`, `IS FALSE` */
export interface JsonTest {
  readonly kind: "test";
  readonly selector: Selector;
  readonly test: "null" | "not-exists" | "true" | "false";
}

export interface Selector {
  /** Property names and array indexes after `$`. */
  readonly path: readonly (string | number)[];
  /** As written, e.g. `$.users[0].id`. */
  readonly text: string;
  /** 1-based column in the pattern. */
  readonly column: number;
}

export type PatternValue = StringValue | NumberValue | RegexValue;

export interface StringValue {
  readonly kind: "string";
  readonly text: string;
  readonly quoted: boolean;
}

export interface NumberValue {
  readonly kind: "number";
  readonly value: number;
  /** As written, e.g. `123456789012` or `1e3`, for comparing with string fields. */
  readonly text: string;
}

export interface RegexValue {
  readonly kind: "regex";
  readonly source: string;
}

export interface TermPattern {
  readonly kind: "terms";
  /** `any`: at least one `?term` appears. `all`: every required term appears and no excluded one. */
  readonly mode: "all" | "any";
  readonly terms: readonly Term[];
}

export interface Term {
  readonly text: string;
  readonly exclude: boolean;
  readonly regex: boolean;
}

export interface DelimitedPattern {
  readonly kind: "delimited";
  readonly fields: readonly DelimitedField[];
}

export type DelimitedField = { readonly kind: "ellipsis" } | { readonly kind: "field"; readonly name: string; readonly condition?: DelimitedCondition };

export type DelimitedCondition =
  | { readonly kind: "or" | "and"; readonly operands: readonly DelimitedCondition[] }
  | {
      readonly kind: "comparison";
      /** The field compared; a condition may name another field of the same pattern. */
      readonly field: string;
      readonly operator: ComparisonOperator;
      readonly value: PatternValue;
    };
