import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { LogEvent, logEventFromMessage, logEventFromRecord } from "../pattern";

/**
 * Log events from files, folders or stdin, in input order. Accepted shapes: one JSON event,
 * a JSON array of events, a CloudTrail `{"Records": [...]}` file, or JSON Lines. A string
 * element is taken as a raw (non-JSON) log message. A line or file that cannot be read
 * becomes an entry with `error` and its position; the others are still returned.
 */
export interface EventEntry {
  /** 0-based position among all events read. */
  readonly index: number;
  /** Where it came from: `file`, `file:line` (JSON Lines) or `file[3]` (array element). */
  readonly origin: string;
  readonly record?: unknown;
  readonly message?: string;
  readonly error?: string;
}

/** Fixture metadata that sits beside events in the project's fixture folders. */
const METADATA_FILES = new Set(["SOURCES.json", "DERIVED.json"]);
const EVENT_FILE = /\.(json|jsonl|ndjson)$/;

export function readEvents(sources: readonly string[], readStdin: () => string = () => readFileSync(0, "utf8")): EventEntry[] {
  const entries: Omit<EventEntry, "index">[] = [];
  for (const source of sources) {
    if (source === "-") {
      entries.push(...parseText(readStdin(), "stdin"));
      continue;
    }
    let isFolder = false;
    try {
      isFolder = statSync(source).isDirectory();
    } catch {
      entries.push({ origin: source, error: "no such file or folder" });
      continue;
    }
    const files = isFolder
      ? readdirSync(source)
          .filter((name) => EVENT_FILE.test(name) && !METADATA_FILES.has(name))
          .sort()
          .map((name) => join(source, name))
      : [source];
    for (const file of files) entries.push(...parseText(readFileSync(file, "utf8"), isFolder ? join(basename(source), basename(file)) : file));
  }
  return entries.map((entry, index) => ({ index, ...entry }));
}

/** The log event an entry stands for: a parsed JSON record, or a raw message. */
export function toLogEvent(entry: EventEntry): LogEvent {
  return entry.record !== undefined ? logEventFromRecord(entry.record) : logEventFromMessage(entry.message ?? "");
}

function parseText(text: string, origin: string): Omit<EventEntry, "index">[] {
  if (text.trim() === "") return [];
  try {
    return fromDocument(JSON.parse(text), origin);
  } catch (wholeError) {
    const lines = text.split(/\r?\n/);
    const parsed = lines.map((line) => {
      if (line.trim() === "") return undefined;
      try {
        return { value: JSON.parse(line) as unknown };
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
    // Not JSON Lines either (no line parses on its own): one error for the whole file.
    if (!parsed.some((line) => line && "value" in line)) return [{ origin, error: `not valid JSON: ${(wholeError as Error).message}` }];
    const entries: Omit<EventEntry, "index">[] = [];
    parsed.forEach((line, number) => {
      if (!line) return;
      const at = `${origin}:${number + 1}`;
      if ("error" in line) entries.push({ origin: at, error: `not valid JSON: ${line.error}` });
      else entries.push(toEntry(line.value, at));
    });
    return entries;
  }
}

function fromDocument(document: unknown, origin: string): Omit<EventEntry, "index">[] {
  const records =
    document && typeof document === "object" && !Array.isArray(document) && Array.isArray((document as { Records?: unknown }).Records)
      ? ((document as { Records: unknown[] }).Records)
      : Array.isArray(document)
        ? document
        : undefined;
  if (!records) return [toEntry(document, origin)];
  return records.map((record, position) => toEntry(record, `${origin}[${position}]`));
}

function toEntry(value: unknown, origin: string): Omit<EventEntry, "index"> {
  if (typeof value === "string") return { origin, message: value };
  if (value && typeof value === "object" && !Array.isArray(value)) return { origin, record: value };
  return { origin, error: `an event must be a JSON object or a string, got ${JSON.stringify(value)}` };
}
