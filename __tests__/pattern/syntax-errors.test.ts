import { PatternSyntaxError, parsePattern } from "../../lib/pattern";

function errorOf(pattern: string): { column: number; reason: string } {
  try {
    parsePattern(pattern);
  } catch (error) {
    if (error instanceof PatternSyntaxError) return { column: error.column, reason: error.reason };
    throw error;
  }
  throw new Error(`${pattern} parsed`);
}

describe("parse errors name the column and what was expected", () => {
  test.each([
    ["{ ($.a = 1 }", 3, "unbalanced parentheses: '(' at column 3 is never closed"],
    ["{ $.a = 1 ) }", 11, "unbalanced parentheses: ')' at column 11 has no matching '('"],
    ["{ $.a = 1", 1, "unbalanced braces: '{' at column 1 is never closed"],
    ['{ $.a = "x }', 9, "unbalanced quotes: the string opened at column 9 is never closed"],
    ["{ $.a = %x }", 9, "unbalanced %: the regular expression opened at column 9 is never closed"],
    ["{ a = 1 }", 3, "expected a selector starting with $ (like $.eventName) or '(', found \"a\""],
    ["{ $. = 1 }", 5, "expected a property name after '.'"],
    ["{ $[0] = 1 }", 4, "an array index must follow a property name, as in $.items[0]"],
    ["{ $.a ~ 1 }", 7, 'expected an operator (=, !=, <, >, <=, >=, IS NULL, IS TRUE, IS FALSE or NOT EXISTS) after $.a, found "~"'],
    ["{ $.a IS MISSING }", 7, 'expected IS NULL, IS TRUE, IS FALSE or NOT EXISTS after $.a, found "IS MISSING"'],
    ["{ $.a > abc }", 12, "> compares numbers, but the value after $.a > is not a number"],
    ["{ $.a = }", 9, 'expected a value, found "}"'],
    ["{ $.a = 1 $.b = 2 }", 11, "expected && or || or '}', found \"$.b\""],
    ["{ $.a = 1 } extra", 13, "unexpected \"extra\" after the closing '}'"],
    ["{ $.a = user@example.com }", 9, 'the value user@example.com contains "@"; put values with such characters in double quotes'],
    ["{ $.a = %(x)% }", 10, "CloudWatch Logs regular expressions cannot contain parentheses (subpatterns are not supported)"],
    ["{ $.a = %x% && $.b = %y% && $.c = %z% }", 1, "3 regular expressions; a JSON or space-delimited pattern may hold at most 2"],
    ["[a, b", 1, "unbalanced brackets: '[' at column 1 is never closed"],
    ["[a b]", 5, "expected an operator (=, !=, <, >, <=, >=) after b"],
    ["[a, a]", 5, "the field name a is used twice"],
    ["ERROR-CODE", 1, "the term ERROR-CODE has characters other than letters, digits and _; put it in double quotes"],
    ["?", 1, 'expected a term after "?"'],
  ])("%s -> column %i", (pattern, column, reason) => {
    const error = errorOf(pattern);
    expect(error.reason).toContain(reason);
    expect(error.column).toBe(column);
  });
});
