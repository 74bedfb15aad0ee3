import { readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { INPUT_LIMITS, InputRefusal, decodeUtf8, formatBytes, readText } from "../source/read-text";
import { LogEvent, logEventFromMessage, logEventFromRecord } from "../pattern";
import { elementSpans, nestingTooDeep, topLevelValue } from "../source/json-scan";

/**
 * Log events from files, folders or stdin, in input order. Accepted shapes: one JSON event,
 * a JSON array of events, a CloudTrail `{"Records": [...]}` file, or JSON Lines. A string
 * element is taken as a raw (non-JSON) log message. Each event keeps the text it was
 * written as. A line or file that cannot be read — not a regular file, over the size
 * limits, not UTF-8, not JSON, nested deeper than INPUT_LIMITS.depth — becomes an entry
 * with `error` and its position; the others are still returned.
 */
export interface EventEntry {
  /** 0-based position among all events read. */
  readonly index: number;
  /** Where it came from: `file`, `file:line` (JSON Lines) or `file[3]` (array element). */
  readonly origin: string;
  readonly record?: unknown;
  /** The event's text as written (the JSON of a record, or a raw message). */
  readonly message?: string;
  readonly error?: string;
}

/** Fixture metadata that sits beside events in the project's evidence folders. */
const METADATA_FILES = new Set(["SOURCES.json", "DERIVED.json"]);
const EVENT_FILE = /\.(json|jsonl|ndjson)$/;

type Entry = Omit<EventEntry, "index">;

export function readEvents(sources: readonly string[], readStdin: () => Buffer | string = () => readStdinBytes()): EventEntry[] {
  const entries: Entry[] = [];
  let budget = INPUT_LIMITS.eventBytesTotal;
  const read = (file: string, origin: string) => {
    try {
      const text = readText(file, Math.min(INPUT_LIMITS.eventBytes, budget));
      budget -= Buffer.byteLength(text);
      append(entries, parseText(text, origin));
    } catch (error) {
      if (!(error instanceof InputRefusal)) throw error;
      entries.push({ origin: error.line > 1 || error.column > 1 ? `${origin}:${error.line}:${error.column}` : origin, error: error.reason });
    }
  };
  for (const source of sources) {
    if (source === "-") {
      try {
        const input = readStdin();
        const bytes = typeof input === "string" ? Buffer.from(input) : input;
        if (bytes.length > INPUT_LIMITS.eventBytes) throw new InputRefusal(`is more than ${formatBytes(INPUT_LIMITS.eventBytes)}; at most that much is read`);
        append(entries, parseText(decodeUtf8(bytes), "stdin"));
      } catch (error) {
        if (!(error instanceof InputRefusal)) throw error;
        entries.push({ origin: "stdin", error: error.reason });
      }
      continue;
    }
    let isFolder: boolean;
    try {
      isFolder = statSync(source).isDirectory();
    } catch {
      entries.push({ origin: source, error: "no such file or folder" });
      continue;
    }
    if (!isFolder) {
      read(source, source);
      continue;
    }
    // A folder: its event files, in name order; sub-folders and anything else are not events.
    const names = readdirSync(source, { withFileTypes: true })
      .filter((item) => item.isFile() && EVENT_FILE.test(item.name) && !METADATA_FILES.has(item.name))
      .map((item) => item.name)
      .sort();
    for (const name of names) read(join(source, name), join(basename(source), name));
  }
  return entries.map((entry, index) => ({ index, ...entry }));
}

/** The log event an entry stands for: a parsed JSON record, or a raw message. */
export function toLogEvent(entry: EventEntry): LogEvent {
  return entry.record !== undefined ? logEventFromRecord(entry.record, entry.message) : logEventFromMessage(entry.message ?? "");
}

/** Appends without spreading: a spread of 130,000 entries overflows the call stack. */
function append(target: Entry[], items: readonly Entry[]): void {
  for (const item of items) target.push(item);
}

function parseText(text: string, origin: string): Entry[] {
  if (text.trim() === "") return [];
  const whole = parseJson(text);
  if (whole.ok) return fromDocument(whole.value, text, origin);
  const lines = text.split(/\r?\n/);
  const parsed = lines.map((line) => (line.trim() === "" ? undefined : parseJson(line)));
  // Not JSON Lines either (no line parses on its own): one error for the whole file.
  if (!parsed.some((line) => line?.ok)) return [{ origin, error: whole.error }];
  const entries: Entry[] = [];
  parsed.forEach((line, number) => {
    if (!line) return;
    const at = `${origin}:${number + 1}`;
    if (!line.ok) entries.push({ origin: at, error: line.error });
    else entries.push(toEntry(line.value, lines[number], at));
  });
  return entries;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const deep = nestingTooDeep(text, INPUT_LIMITS.depth);
  if (deep !== undefined) return { ok: false, error: `nests deeper than ${INPUT_LIMITS.depth} levels (at character ${deep + 1}); refused` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
}

function fromDocument(document: unknown, text: string, origin: string): Entry[] {
  const open = text.search(/\S/);
  let records: unknown[] | undefined;
  let arrayAt: number | undefined;
  if (Array.isArray(document)) {
    records = document;
    arrayAt = open;
  } else if (document && typeof document === "object" && Array.isArray((document as { Records?: unknown }).Records)) {
    records = (document as { Records: unknown[] }).Records;
    arrayAt = topLevelValue(text, open, "Records");
  }
  if (!records) return [toEntry(document, text.trim(), origin)];
  const spans = arrayAt === undefined ? [] : elementSpans(text, arrayAt);
  return records.map((record, position) => {
    const span = spans[position];
    return toEntry(record, span ? text.slice(span[0], span[1]) : undefined, `${origin}[${position}]`);
  });
}

function toEntry(value: unknown, text: string | undefined, origin: string): Entry {
  if (typeof value === "string") return { origin, message: value };
  if (value && typeof value === "object" && !Array.isArray(value)) return { origin, record: value, message: text };
  return { origin, error: `expected an event object or a log line string, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}` };
}

function readStdinBytes(): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(1 << 16);
  for (;;) {
    let read: number;
    try {
      read = require("node:fs").readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((error as NodeJS.ErrnoException).code === "EOF") break;
      throw error;
    }
    if (read === 0) break;
    total += read;
    if (total > INPUT_LIMITS.eventBytes) throw new InputRefusal(`is more than ${formatBytes(INPUT_LIMITS.eventBytes)}; at most that much is read`);
    chunks.push(Buffer.from(buffer.subarray(0, read)));
  }
  return Buffer.concat(chunks);
}
