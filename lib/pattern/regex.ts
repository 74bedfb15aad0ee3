import { RE2JS } from "re2js";

/**
 * CloudWatch Logs regular expressions (`%...%`), matched with RE2's semantics in linear
 * time (the pure-JavaScript RE2 port re2js): a hostile `%a*a*a*a*b%` against a long field
 * cannot backtrack for minutes as JavaScript's own engine would. AWS's subset (no
 * parentheses, no backreferences) is a subset of RE2's syntax. Compiled patterns are
 * cached: the same few patterns run against every event.
 */
const cache = new Map<string, RE2JS>();
const MAX_CACHED = 1000;

function compiled(source: string): RE2JS {
  let regex = cache.get(source);
  if (!regex) {
    regex = RE2JS.compile(source);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(source, regex);
  }
  return regex;
}

/** Whether the regex matches anywhere in the text (a search, as `%...%` is). */
export function regexFinds(source: string, text: string): boolean {
  return compiled(source).matcher(text).find();
}

/** Why RE2 refuses the regex, or undefined when it compiles. */
export function regexProblem(source: string): string | undefined {
  try {
    compiled(source);
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^error parsing regexp: /, "");
  }
}
