/** "column 3 of the pattern: <reason>", then the pattern with a caret under the column, each line indented. */
export function describePatternError(pattern: string, error: PatternSyntaxError, indent: string): string {
  return `column ${error.column} of the pattern: ${error.reason}\n${indent}${pattern}\n${indent}${" ".repeat(error.column - 1)}^`;
}

/** A filter pattern that does not parse; `column` is 1-based within the pattern text. */
export class PatternSyntaxError extends Error {
  readonly column: number;
  readonly reason: string;

  constructor(column: number, reason: string) {
    super(`column ${column}: ${reason}`);
    this.name = "PatternSyntaxError";
    this.column = column;
    this.reason = reason;
  }
}
