import { regexProblem } from "./regex";
import { PatternSyntaxError } from "./syntax-error";

/** Character cursor shared by the three pattern parsers. Columns are 1-based. */
export class Cursor {
  readonly text: string;
  position = 0;

  constructor(text: string) {
    this.text = text;
  }

  get column(): number {
    return this.position + 1;
  }

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.position + offset] ?? "";
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  skipSpaces(): void {
    while (!this.done && /\s/.test(this.peek())) this.position++;
  }

  /** Consumes `token` if it is next (after spaces). */
  accept(token: string): boolean {
    this.skipSpaces();
    if (!this.startsWith(token)) return false;
    this.position += token.length;
    return true;
  }

  /** Describes what is at the cursor, for "found ..." in messages. */
  describeNext(): string {
    const rest = this.text.slice(this.position).trimStart();
    if (rest === "") return "the end of the pattern";
    const word = /^[^\s(){}[\]&|,]+/.exec(rest)?.[0] ?? rest[0];
    return JSON.stringify(word.length > 24 ? `${word.slice(0, 24)}…` : word);
  }

  fail(reason: string, column = this.column): never {
    throw new PatternSyntaxError(column, reason);
  }

  /** Reads a double-quoted string starting at the cursor; backslash escapes the next character. */
  readQuoted(): string {
    const start = this.column;
    this.position++; // opening quote
    let out = "";
    while (!this.done) {
      const char = this.peek();
      if (char === "\\" && this.position + 1 < this.text.length) {
        out += this.text[this.position + 1];
        this.position += 2;
        continue;
      }
      if (char === '"') {
        this.position++;
        return out;
      }
      out += char;
      this.position++;
    }
    return this.fail(`unbalanced quotes: the string opened at column ${start} is never closed`, start);
  }

  /** Reads `%regex%`; the regex must compile. */
  readRegex(): string {
    const start = this.column;
    this.position++;
    const end = this.text.indexOf("%", this.position);
    if (end < 0) this.fail(`unbalanced %: the regular expression opened at column ${start} is never closed`, start);
    const source = this.text.slice(this.position, end);
    this.position = end + 1;
    if (source.length === 0) this.fail("empty regular expression", start);
    // CloudWatch Logs accepts only these in a regex (user guide, "Supported regular expressions syntax").
    const unsupported = /[^A-Za-z0-9_#=@/;,:\-^$?[\]{}|\\*+.]/u.exec(source);
    if (unsupported) {
      const what = unsupported[0] === "(" || unsupported[0] === ")" ? "parentheses (subpatterns are not supported)" : JSON.stringify(unsupported[0]);
      this.fail(`CloudWatch Logs regular expressions cannot contain ${what}`, start + 1 + unsupported.index);
    }
    const problem = regexProblem(source);
    if (problem) this.fail(`invalid regular expression %${source}%: ${problem}`, start);
    return source;
  }
}
