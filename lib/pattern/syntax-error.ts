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
