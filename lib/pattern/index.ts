export * from "./ast";
export { parsePattern, MAX_PATTERN_LENGTH } from "./parse";
export { PatternSyntaxError } from "./syntax-error";
export { matches, logEventFromMessage, logEventFromRecord, wildcardMatch, splitDelimited } from "./evaluate";
export type { LogEvent } from "./evaluate";
