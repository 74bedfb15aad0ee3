import { logEventFromMessage, matches, parsePattern } from "../../lib/pattern";

/**
 * Every example of the CloudWatch Logs user guide's "Filter and pattern syntax" page, with
 * the result the guide states. The engine was written from the rules, not tuned on these.
 */
const check = (pattern: string, message: string) => matches(parsePattern(pattern), logEventFromMessage(message));

describe("JSON patterns (user guide examples)", () => {
  const event = JSON.stringify({
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
      { name: "a", id: 1 },
      { name: "b", id: 2 },
    ],
    SomeObject: null,
    ThisFlag: true,
  });

  test.each([
    '{ $.eventType = "UpdateTrail" }',
    "{ $.sourceIPAddress != 123.123.* }",
    '{ $.arrayKey[0] = "value" }',
    "{ $.objectList[1].id = 2 }",
    "{ $.SomeObject IS NULL }",
    "{ $.SomeOtherObject NOT EXISTS }",
    "{ $.ThisFlag IS TRUE }",
  ])("%s matches", (pattern) => {
    expect(check(pattern, event)).toBe(true);
  });

  const compound = JSON.stringify({
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
      { id: 2, email: "John.Doe@example.com" },
      { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
      [0, 1, 2],
      [4, 5, 6],
      [7, 8, 9],
    ],
  });

  test.each([
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
    ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
    ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
  ])("compound %s -> %s", (pattern, expected) => {
    expect(check(pattern, compound)).toBe(expected);
  });

  test("a selector on an array matches neither = nor !=", () => {
    const users = '{ "users": [1, 2, 3] }';
    expect(check("{$.users = 1}", users)).toBe(false);
    expect(check("{$.users != 1}", users)).toBe(false);
  });

  test("OR in JSON patterns", () => {
    expect(check("{$.foo = bar}", '{"foo": "bar"}')).toBe(true);
    expect(check("{$.foo = baz }", '{"foo": "baz"}')).toBe(true);
    expect(check("{$.foo = bar || $.foo = baz }", '{"foo": "bar"}')).toBe(true);
    expect(check("{$.foo = bar || $.foo = baz }", '{"foo": "baz"}')).toBe(true);
    expect(check("{$.foo = bar}", '{"foo": "baz"}')).toBe(false);
  });

  test.each([
    ["{ $.latency >= 500 }", { latency: 500 }, { latency: 499 }],
    ["{ $.numbers[0] < 10e3 }", { numbers: [9999] }, { numbers: [10000] }],
    ["{ $.numbers[0] < 10e-3 }", { numbers: [0.001] }, { numbers: [0.01] }],
    [
      "{ $.processes[4].averageRuntime <= 55.5 }",
      { processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }] },
      { processes: [{}, {}, {}, {}, { averageRuntime: 55.6 }] },
    ],
    ["{ $.errorCode = 400 }", { errorCode: 400 }, { errorCode: 401 }],
    ["{ $.errorCode != 500 }", { errorCode: 400 }, { errorCode: 500 }],
    ["{ $.latency > +1000 }", { latency: 1001 }, { latency: 1000 }],
  ])("numeric %s", (pattern, matching, other) => {
    expect(check(pattern, JSON.stringify(matching))).toBe(true);
    expect(check(pattern, JSON.stringify(other))).toBe(false);
  });

  test("{ $.latency = * } (the guide's metric-value example) matches when latency exists", () => {
    expect(check("{ $.latency = * }", '{"latency": 30}')).toBe(true);
    expect(check("{ $.latency = * }", '{"other": 30}')).toBe(false);
  });
});

describe("term patterns (user guide examples)", () => {
  test('"ERROR" matches messages containing the term', () => {
    expect(check('"ERROR"', "[ERROR] A fatal exception has occurred")).toBe(true);
    expect(check('"ERROR"', "Exiting with ERRORCODE: -1")).toBe(true);
    expect(check('"ERROR" - "Exiting"', "Exiting with ERRORCODE: -1")).toBe(false);
    expect(check('"ERROR" - "Exiting"', "[ERROR] A fatal exception has occurred")).toBe(true);
  });

  test("multiple terms must all appear", () => {
    expect(check('"ERROR Exception"', "[ERROR] Caught IllegalArgumentException")).toBe(false); // a quoted phrase
    expect(check("ERROR Exception", "[ERROR] Caught IllegalArgumentException")).toBe(true);
    expect(check("ERROR Exception", "[ERROR] Unhandled Exception")).toBe(true);
    expect(check("Failed to process the request", "[WARN] Failed to process the request")).toBe(true);
    expect(check("Failed to process the request", "[ERROR] Unable to continue: Failed to process the request")).toBe(true);
  });

  const lines = ["ERROR WARN message", "ERROR message", "WARN message"];
  test.each([
    ["ERROR", [true, true, false]],
    ["?ERROR ?WARN", [true, true, true]],
    ["ERROR WARN", [true, false, false]],
    ["ERROR -WARN", [false, true, false]],
  ])("%s", (pattern, expected) => {
    expect(lines.map((line) => check(pattern, line))).toEqual(expected);
  });
});

describe("space-delimited patterns (user guide examples)", () => {
  const lines = ["ERROR WARN message", "ERROR message", "WARN message"];
  test("[w1=ERROR, w2] matches line 2; [w1=ERROR || w1=WARN, w2] lines 2 and 3", () => {
    expect(lines.map((line) => check("[w1=ERROR, w2]", line))).toEqual([false, true, false]);
    expect(lines.map((line) => check("[w1=ERROR || w1=WARN, w2]", line))).toEqual([false, true, true]);
  });

  test("[w1=!ERROR&&w1=!WARN, w2] parses; the guide's stated result (line 1) contradicts its own operators", () => {
    // Under any reading, w1 of line 1 is ERROR, so w1 != ERROR is false. We follow the operators.
    expect(lines.map((line) => check("[w1=!ERROR&&w1=!WARN, w2]", line))).toEqual([false, false, false]);
    expect(check("[w1=!ERROR&&w1=!WARN, w2]", "INFO message")).toBe(true);
  });

  const apache = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /apache_pb.gif HTTP/1.0" 500 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 200 4355',
  ];
  test.each([
    ["[ip, user, username, timestamp, request, status_code, bytes]", [true, true, true]],
    ["[..., status_code, bytes]", [true, true, true]],
    ["[ip, user, ..., status_code, bytes]", [true, true, true]],
    ["[ip, user, ...]", [true, true, true]],
    ["[ip, user, username, timestamp, request, status_code, bytes > 1000]", [true, true, true]],
    ["[ip, user, username, timestamp, request, status_code = 200, bytes]", [true, false, true]],
    ["[ip, user, username, timestamp, request, status_code = 4*, bytes]", [false, false, false]],
    ["[ip, user, username, timestamp, request = *html*, status_code = 4*, bytes]", [false, false, false]],
    ["[ip, user, username, timestamp, request, status_code = 5* && bytes > 5000, bytes2]", [false, false, false]],
    ["[ip, user, username, timestamp, request, status_code = 2* && status_code != 500, bytes]", [true, false, true]],
  ])("%s", (pattern, expected) => {
    expect(apache.map((line) => check(pattern, line))).toEqual(expected);
  });

  test("[..., request=*.html*, status_code=4*,] with its trailing unnamed field", () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
    expect(check("[..., request=*.html*, status_code=4*,]", line)).toBe(true);
    expect(check("[..., request=*.html*, status_code=4*,]", line.replace(" 404 ", " 200 "))).toBe(false);
  });
});
