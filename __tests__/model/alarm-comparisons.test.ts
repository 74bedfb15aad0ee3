import { COMPARISONS, breachesThreshold, comparisonSymbol, firesOnAbsence } from "../../lib/model/alarm-comparisons";
import { CONFIG_SCHEMA } from "../../lib/config/schema";

/** CloudWatch's comparison operators, spelt once for the schema, synth's checks, the simulator and the review. */
test.each([
  ["GreaterThanOrEqualToThreshold", ">=", [false, true, true], false],
  ["GreaterThanThreshold", ">", [false, false, true], false],
  ["LessThanThreshold", "<", [true, false, false], true],
  ["LessThanOrEqualToThreshold", "<=", [true, true, false], true],
] as const)("%s: %s", (operator, symbol, breaches, onAbsence) => {
  expect(comparisonSymbol(operator)).toBe(symbol);
  expect([0, 1, 2].map((value) => breachesThreshold(operator, value, 1))).toEqual(breaches);
  expect(firesOnAbsence(operator)).toBe(onAbsence);
});

test("an operator CloudWatch does not know never breaches and prints as written; the schema offers exactly the four", () => {
  expect(breachesThreshold("GreaterThanUpperThreshold", 5, 1)).toBe(false);
  expect(comparisonSymbol("toString")).toBe("toString");
  const alarm = (CONFIG_SCHEMA as unknown as { definitions: { alarm: { properties: { comparison: { enum: string[] } } } } }).definitions.alarm;
  expect(alarm.properties.comparison.enum).toEqual([...COMPARISONS]);
});
