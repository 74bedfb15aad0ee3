import { Term, TermPattern } from "./ast";
import { Scanner } from "./scanner";

/**
 * Term patterns: `ERROR Exception` (all terms), `ERROR -DEBUG` (exclude a term),
 * `?ERROR ?WARN` (any term), `"a phrase"` and `%regex%`. Bare terms may hold only letters,
 * digits and underscores; anything else must be quoted (CloudWatch Logs user guide).
 */
export function parseTermPattern(scanner: Scanner): TermPattern {
  const terms: Term[] = [];
  let anyCount = 0;
  scanner.skipSpaces();
  while (!scanner.done) {
    const column = scanner.column;
    let prefix = "";
    if (scanner.peek() === "?" || scanner.peek() === "-") {
      prefix = scanner.peek();
      scanner.position++;
      scanner.skipSpaces(); // the user guide writes both -WARN and "ERROR" - "Exiting"
      if (scanner.done) scanner.fail(`expected a term after ${JSON.stringify(prefix)}`, column);
    }
    let term: Term;
    if (scanner.peek() === '"') term = { text: scanner.readQuoted(), exclude: prefix === "-", regex: false };
    else if (scanner.peek() === "%") term = { text: scanner.readRegex(), exclude: prefix === "-", regex: true };
    else {
      const word = /^\S+/.exec(scanner.text.slice(scanner.position))?.[0] ?? "";
      if (word === "") scanner.fail(`expected a term after ${JSON.stringify(prefix)}`, column);
      if (!/^[A-Za-z0-9_]+$/.test(word)) {
        scanner.fail(`the term ${word} has characters other than letters, digits and _; put it in double quotes`, column);
      }
      scanner.position += word.length;
      term = { text: word, exclude: prefix === "-", regex: false };
    }
    if (!scanner.done && !/\s/.test(scanner.peek())) scanner.fail(`expected a space after a term, found ${scanner.describeNext()}`);
    if (prefix === "?") anyCount++;
    terms.push(term);
    scanner.skipSpaces();
  }
  if (anyCount > 0 && anyCount !== terms.length) {
    scanner.fail("?term (any of) cannot be mixed with plain or -excluded terms in one pattern", 1);
  }
  return { kind: "terms", mode: anyCount > 0 ? "any" : "all", terms };
}
