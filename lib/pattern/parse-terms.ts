import { Term, TermPattern } from "./ast";
import { Cursor } from "./cursor";

/**
 * Term patterns: `ERROR Exception` (all terms), `ERROR -DEBUG` (exclude a term),
 * `?ERROR ?WARN` (any term), `"a phrase"` and `%regex%`. Bare terms may hold only letters,
 * digits and underscores; anything else must be quoted (CloudWatch Logs user guide).
 */
export function parseTermPattern(cursor: Cursor): TermPattern {
  const terms: Term[] = [];
  let anyCount = 0;
  cursor.skipSpaces();
  while (!cursor.done) {
    const column = cursor.column;
    let prefix = "";
    if (cursor.peek() === "?" || cursor.peek() === "-") {
      prefix = cursor.peek();
      cursor.position++;
      cursor.skipSpaces(); // the user guide writes both -WARN and "ERROR" - "Exiting"
      if (cursor.done) cursor.fail(`expected a term after ${JSON.stringify(prefix)}`, column);
    }
    let term: Term;
    if (cursor.peek() === '"') term = { text: cursor.readQuoted(), exclude: prefix === "-", regex: false };
    else if (cursor.peek() === "%") term = { text: cursor.readRegex(), exclude: prefix === "-", regex: true };
    else {
      const word = /^\S+/.exec(cursor.text.slice(cursor.position))?.[0] ?? "";
      if (word === "") cursor.fail(`expected a term after ${JSON.stringify(prefix)}`, column);
      if (!/^[A-Za-z0-9_]+$/.test(word)) {
        cursor.fail(`the term ${word} has characters other than letters, digits and _; put it in double quotes`, column);
      }
      cursor.position += word.length;
      term = { text: word, exclude: prefix === "-", regex: false };
    }
    if (!cursor.done && !/\s/.test(cursor.peek())) cursor.fail(`expected a space after a term, found ${cursor.describeNext()}`);
    if (prefix === "?") anyCount++;
    terms.push(term);
    cursor.skipSpaces();
  }
  if (anyCount > 0 && anyCount !== terms.length) {
    cursor.fail("?term (any of) cannot be mixed with plain or -excluded terms in one pattern", 1);
  }
  return { kind: "terms", mode: anyCount > 0 ? "any" : "all", terms };
}
