import { logEventFromMessage, logEventFromRecord, matches, parsePattern } from "../../lib/pattern";

/** One test per choice in lib/pattern/README.md ("Semantics"), numbered the same way. */
const check = (pattern: string, record: unknown) => matches(parsePattern(pattern), logEventFromRecord(record));

describe("engine semantics where the user guide is silent", () => {
  test("1. a comparison on a missing field is false, also for !=", () => {
    expect(check('{ $.a != "x" }', {})).toBe(false);
    expect(check('{ $.a = "x" }', {})).toBe(false);
    expect(check("{ $.a > 1 }", {})).toBe(false);
    expect(check("{ $.a NOT EXISTS }", {})).toBe(true);
    expect(check("{ $.a.b NOT EXISTS }", { a: "scalar" })).toBe(true);
  });

  test("2. objects and arrays satisfy neither = nor !=; arrays only by index", () => {
    expect(check('{ $.a = "x" }', { a: { b: 1 } })).toBe(false);
    expect(check('{ $.a != "x" }', { a: { b: 1 } })).toBe(false);
    expect(check("{ $.a = * }", { a: [] })).toBe(false);
    expect(check("{ $.a.b = 1 }", { a: [{ b: 1 }] })).toBe(false);
    expect(check("{ $.a[0].b = 1 }", { a: [{ b: 1 }] })).toBe(true);
    expect(check("{ $.a[3] = 1 }", { a: [1] })).toBe(false);
  });

  test("3. null exists but is no value; a path through null does not exist", () => {
    const record = { requestParameters: null };
    expect(check("{ $.requestParameters IS NULL }", record)).toBe(true);
    expect(check("{ $.requestParameters NOT EXISTS }", record)).toBe(false);
    expect(check('{ $.requestParameters != "x" }', record)).toBe(false);
    expect(check("{ $.requestParameters = * }", record)).toBe(false);
    expect(check("{ $.requestParameters.bucketName NOT EXISTS }", record)).toBe(true);
    expect(check("{ $.missing IS NULL }", {})).toBe(false);
  });

  test("4. strings compare case-sensitively with * wildcards, inside quotes too", () => {
    expect(check('{ $.m = "Yes" }', { m: "YES" })).toBe(false);
    expect(check('{ $.m != "Yes" }', { m: "YES" })).toBe(true);
    expect(check('{ $.e = "*UnauthorizedOperation" }', { e: "Client.UnauthorizedOperation" })).toBe(true);
    expect(check('{ $.e = "AccessDenied*" }', { e: "AccessDeniedException" })).toBe(true);
    expect(check('{ $.e = "AccessDenied*" }', { e: "Client.AccessDenied" })).toBe(false);
    expect(check("{ $.e = Create*Table }", { e: "CreateRouteTable" })).toBe(true);
    expect(check("{ $.e = CreateRoute }", { e: "CreateRouteTable" })).toBe(false);
    expect(check("{ $.e = * }", { e: "" })).toBe(true);
    expect(check("{ $.flag = true }", { flag: true })).toBe(true);
    expect(check('{ $.n = "42" }', { n: 42 })).toBe(true);
  });

  test("5. numbers: numeric against numbers, textual against strings; ordering needs a number field", () => {
    expect(check("{ $.recipientAccountId = 123456789012 }", { recipientAccountId: "123456789012" })).toBe(true);
    expect(check("{ $.n = 1.0 }", { n: 1 })).toBe(true);
    expect(check("{ $.n = 1.0 }", { n: "1" })).toBe(false);
    expect(check("{ $.n > 100 }", { n: "150" })).toBe(false);
    expect(check("{ $.n > 100 }", { n: 150 })).toBe(true);
    expect(check("{ $.n != 5 }", { n: 6 })).toBe(true);
    expect(check("{ $.n <= -1.5e2 }", { n: -150 })).toBe(true);
  });

  test("6. IS TRUE / IS FALSE only for JSON booleans", () => {
    expect(check("{ $.f IS TRUE }", { f: "true" })).toBe(false);
    expect(check("{ $.f IS FALSE }", { f: false })).toBe(true);
    expect(check("{ $.f IS FALSE }", { f: 0 })).toBe(false);
  });

  test("7. regex values search the text, case-sensitively", () => {
    expect(check("{ $.e = %Unauthorized% }", { e: "Client.UnauthorizedOperation" })).toBe(true);
    expect(check("{ $.e = %^Unauthorized% }", { e: "Client.UnauthorizedOperation" })).toBe(false);
    expect(check("{ $.e = %unauthorized% }", { e: "Client.UnauthorizedOperation" })).toBe(false);
    expect(check("{ $.e != %Denied$% }", { e: "AccessDenied" })).toBe(false);
    expect(matches(parsePattern("%ERR[A-Z]+%"), logEventFromMessage("an ERROR here"))).toBe(true);
  });

  test("8. unquoted values stop at operators and parentheses", () => {
    expect(check("{($.eventName=DeleteTrail)||($.eventName=StopLogging)}", { eventName: "StopLogging" })).toBe(true);
    expect(check("{ $.s = kms.amazonaws.com }", { s: "kms.amazonaws.com" })).toBe(true);
  });

  test("9. && binds tighter than ||; both left-associative", () => {
    // a || b && c  ==  a || (b && c)
    expect(check("{ $.a = 1 || $.b = 1 && $.c = 1 }", { a: 1, b: 0, c: 0 })).toBe(true);
    expect(check("{ ($.a = 1 || $.b = 1) && $.c = 1 }", { a: 1, b: 0, c: 0 })).toBe(false);
    expect(check("{ $.a = 0 && $.b = 1 || $.c = 1 }", { a: 1, b: 1, c: 1 })).toBe(true);
  });

  test("10. terms are case-sensitive substrings of the raw message", () => {
    expect(matches(parsePattern("ERROR"), logEventFromMessage("ERRORCODE"))).toBe(true);
    expect(matches(parsePattern("error"), logEventFromMessage("ERROR"))).toBe(false);
    expect(() => parsePattern("?ERROR WARN")).toThrow("?term (any of) cannot be mixed");
  });

  test("11. space-delimited: quotes and brackets group; field count must match without ...", () => {
    expect(matches(parsePattern("[a, b]"), logEventFromMessage('x "y z"'))).toBe(true);
    expect(matches(parsePattern("[a, b]"), logEventFromMessage("x y z"))).toBe(false);
    expect(matches(parsePattern("[a, b = 2*]"), logEventFromMessage("x [200 OK]"))).toBe(true);
    expect(matches(parsePattern("[a, b > 10]"), logEventFromMessage("x 11"))).toBe(true);
    expect(matches(parsePattern("[a, b > 10]"), logEventFromMessage("x eleven"))).toBe(false);
  });

  test("12. JSON patterns never match non-JSON events; term patterns see JSON as text", () => {
    expect(matches(parsePattern('{ $.a = "x" }'), logEventFromMessage('a = "x"'))).toBe(false);
    expect(matches(parsePattern('{ $.a = "x" }'), logEventFromMessage('{"a": "x"'))).toBe(false);
    expect(matches(parsePattern("ConsoleLogin"), logEventFromMessage('{"eventName":"ConsoleLogin"}'))).toBe(true);
    expect(matches(parsePattern(""), logEventFromMessage("anything"))).toBe(true);
  });

  test("4. a * anywhere in a value is a wildcard", () => {
    expect(check('{ $.v = "1*05" }', { v: "1205" })).toBe(true);
    expect(check('{ $.v = "1*05" }', { v: "105" })).toBe(true);
    expect(check('{ $.v = "1*05" }', { v: "1250" })).toBe(false);
    expect(check('{ $.v = "a*b*a" }', { v: "aba" })).toBe(true);
    expect(check('{ $.v = "a*b*a" }', { v: "ab" })).toBe(false);
  });

  test('10. terms search the event\'s text as written; "" matches every event', () => {
    expect(matches(parsePattern('"1.0"'), logEventFromMessage('{"v": 1.0}'))).toBe(true);
    expect(matches(parsePattern('""'), logEventFromMessage("anything"))).toBe(true);
    expect(matches(parsePattern('""'), logEventFromMessage(""))).toBe(true);
  });

  test("11. one ... at most", () => {
    expect(() => parsePattern("[..., a, ...]")).toThrow("a space-delimited pattern may hold one ... only");
    expect(matches(parsePattern("[a, ..., b = y]"), logEventFromMessage("x 1 2 3 y"))).toBe(true);
    expect(matches(parsePattern("[a, ..., b = y]"), logEventFromMessage("y"))).toBe(false);
  });

  test("13. numbers beyond 2^53 compare as the doubles JSON reads", () => {
    // The literal loses precision on purpose: that is what a JSON number this large becomes.
    // eslint-disable-next-line no-loss-of-precision
    expect(check("{ $.n = 12345678901234567891 }", { n: 12345678901234567890 })).toBe(true);
    expect(check("{ $.n = 12345678901234567891 }", { n: "12345678901234567890" })).toBe(false);
  });

  test("14. a backslash in a quoted value takes the next character literally", () => {
    expect(check('{ $.v = "a\\"b" }', { v: 'a"b' })).toBe(true);
    expect(check('{ $.v = "a\\\\b" }', { v: "a\\b" })).toBe(true);
    expect(check('{ $.v = "\\n" }', { v: "n" })).toBe(true);
  });
});
