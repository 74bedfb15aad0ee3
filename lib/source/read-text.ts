import { readFileSync, statSync } from "node:fs";

/**
 * The one way this tool reads a user's file (configs, rule packs, events, evidence): only
 * regular files (a FIFO would block forever, /dev/zero would never end), at most
 * `maxBytes`, and valid UTF-8 (a broken byte is reported where it is, not silently
 * replaced). Every refusal is an InputRefusal with a sentence and, where it has one, the
 * 1-based line and column.
 */
export class InputRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(reason);
    this.name = "InputRefusal";
  }
}

export const MiB = 1024 * 1024;

/** Input limits: each far above anything real, each far below what would hurt. */
export const INPUT_LIMITS = {
  /** A deployment config or a rule pack. */
  configBytes: 1 * MiB,
  /** One events file, or stdin. */
  eventBytes: 64 * MiB,
  /** All events files of one command together. */
  eventBytesTotal: 256 * MiB,
  /** Nesting of a YAML document, a JSON event, or a filter pattern's parentheses. */
  depth: 64,
} as const;

export function readText(file: string, maxBytes: number): string {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputRefusal(code === "ENOENT" ? "file not found" : code === "EACCES" ? "permission denied" : `cannot read it (${code ?? String(error)})`);
  }
  if (stats.isDirectory()) throw new InputRefusal("is a folder, not a file");
  if (!stats.isFile()) throw new InputRefusal("is not a regular file (a device, FIFO or socket); give a file");
  if (stats.size > maxBytes) throw new InputRefusal(`is ${formatBytes(stats.size)}; at most ${formatBytes(maxBytes)} is read`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputRefusal(`cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  // The size can change between stat and read (a growing log): check what was read.
  if (bytes.length > maxBytes) throw new InputRefusal(`is more than ${formatBytes(maxBytes)}; at most that much is read`);
  return decodeUtf8(bytes);
}

/** Decodes UTF-8, refusing a malformed byte with its line and column. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, bad));
    const lines = before.split("\n");
    throw new InputRefusal(`is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, "0")})`, lines.length, lines[lines.length - 1].length + 1);
  }
}

function firstInvalidByte(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return 0;
}

export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(bytes % MiB ? 1 : 0)} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
}
