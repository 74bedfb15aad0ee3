export * from "./ast";
export { parsePattern, countRegexes, MAX_PATTERN_LENGTH, MAX_REGEXES_PER_PATTERN } from "./parse";
export { PatternSyntaxError, describePatternError } from "./syntax-error";
export { parseSelectorText } from "./parse-json";
export { matches, selectScalar, logEventFromMessage, logEventFromRecord, wildcardMatch, splitDelimited } from "./evaluate";
export type { LogEvent } from "./evaluate";
