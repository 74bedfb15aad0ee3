/**
 * Deterministic input mutation for the fuzz suite: a seeded generator (mulberry32) and
 * mutators for YAML documents, filter patterns and event files. Every input is a function
 * of the seed and its number, so a failure names the seed and case that reproduce it.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Values that break naive code: wrong types, non-finite numbers, control characters, prototype names, sizes. */
export const HOSTILE_SCALARS = [
  "null",
  "~",
  ".nan",
  ".NaN",
  "-.inf",
  ".inf",
  "1e400",
  "-1",
  "0",
  "3.5",
  "12345678901234567891",
  "true",
  "''",
  '""',
  "[]",
  "{}",
  "[1, [2, [3]]]",
  "{ a: { b: { c: 1 } } }",
  '"\\u0000"',
  '"a\\u001bb"',
  '"\\u2028"',
  '"line\\nbreak"',
  "__proto__",
  "constructor",
  "toString",
  "!ref x",
  "!!python/object x",
  "*undefined_anchor",
  "&anchor value",
  '"${x}"',
  '"%{x}"',
  "üñíçødé",
  '"' + "x".repeat(10_000) + '"',
  "0x1F",
  "0o17",
  "2024-01-01",
];

/** Keys that are not in any schema, or are prototype names. */
export const HOSTILE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "", "x y", "ü", "name", "id", "1"];

/** Mutates a YAML document one way or another; the result may or may not be valid. */
export function mutateYaml(text: string, random: Random): string {
  const lines = text.split("\n");
  const line = random.int(Math.max(lines.length, 1));
  const kind = random.int(12);
  switch (kind) {
    case 0: {
      // Replace a value with a hostile scalar.
      const match = /^(\s*(?:- )?[\w-]+:\s*)(.+)$/.exec(lines[line] ?? "");
      if (match) lines[line] = `${match[1]}${random.pick(HOSTILE_SCALARS)}`;
      else lines[line] = `${lines[line] ?? ""} ${random.pick(HOSTILE_SCALARS)}`;
      return lines.join("\n");
    }
    case 1: {
      // Rename a key: a typo, a prototype name, something unknown.
      const match = /^(\s*(?:- )?)([\w-]+)(:.*)$/.exec(lines[line] ?? "");
      if (match) lines[line] = `${match[1]}${random.chance(0.5) ? random.pick(HOSTILE_KEYS) : typo(match[2], random)}${match[3]}`;
      return lines.join("\n");
    }
    case 2:
      // Byte edits: insert, delete or replace a character anywhere.
      return byteEdit(text, random);
    case 3: {
      // Indent or dedent a line.
      const current = lines[line] ?? "";
      lines[line] = random.chance(0.5) ? `  ${current}` : current.replace(/^ {1,2}/, "");
      return lines.join("\n");
    }
    case 4: {
      // Duplicate or delete a line.
      if (random.chance(0.5)) lines.splice(line, 0, lines[line] ?? "");
      else lines.splice(line, 1);
      return lines.join("\n");
    }
    case 5: {
      // An alias: define an anchor on a value and reuse it elsewhere (or a cycle).
      const anchor = /^(\s*(?:- )?[\w-]+:\s*)(\S.*)$/.exec(lines[line] ?? "");
      if (!anchor) return text;
      lines[line] = `${anchor[1]}&a ${anchor[2]}`;
      const target = random.int(lines.length);
      const value = /^(\s*(?:- )?[\w-]+:\s*)(\S.*)$/.exec(lines[target] ?? "");
      if (value && target > line) lines[target] = `${value[1]}*a`;
      return lines.join("\n");
    }
    case 6:
      // An alias bomb under a new top-level key.
      return `${text}\nbomb_a: &ba [x, x, x, x, x, x, x, x]\n${Array.from(
        { length: 7 },
        (_, i) =>
          `bomb_${i}: &b${i} [${Array(8)
            .fill(i === 0 ? "*ba" : `*b${i - 1}`)
            .join(", ")}]`,
      ).join("\n")}\n`;
    case 7: {
      // Deep nesting, flow or block.
      const depth = random.pick([10, 63, 65, 200, 2000]);
      if (random.chance(0.5)) return `${text}\ndeep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
      return `${text}\n${Array.from({ length: Math.min(depth, 300) }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")}\n`;
    }
    case 8:
      // Encodings: CRLF line ends, a byte-order mark, tabs.
      return random.pick([text.replace(/\n/g, "\r\n"), `\ufeff${text}`, text.replace(/ {2}/, "\t")]);
    case 9: {
      // Sizes: a very long value.
      const match = /^(\s*(?:- )?[\w-]+:\s*)(.+)$/.exec(lines[line] ?? "");
      if (match) lines[line] = `${match[1]}"${"z".repeat(random.pick([300, 5000, 20_000]))}"`;
      return lines.join("\n");
    }
    case 10:
      // Truncate anywhere.
      return text.slice(0, random.int(text.length + 1));
    default:
      // A flow collection or quote left open.
      return `${text.slice(0, random.int(text.length))}${random.pick(["[", "{", '"', "'", ": [a, {b: "])}`;
  }
}

/** Invalid UTF-8 bytes spliced into a document. */
export function corruptBytes(text: string, random: Random): Buffer {
  const bytes = Buffer.from(text);
  const at = random.int(bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(random.pick([[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x90, 0x80], [0x00]])), bytes.subarray(at)]);
}

function typo(word: string, random: Random): string {
  if (word.length < 2) return `${word}x`;
  const at = random.int(word.length - 1);
  return random.chance(0.5) ? `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}` : `${word.slice(0, at)}${word.slice(at + 1)}`;
}

function byteEdit(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  const alphabet = ":-[]{}#&*!|>'\"%@`,? \n\tx1";
  switch (random.int(3)) {
    case 0:
      return `${text.slice(0, at)}${random.pick([...alphabet])}${text.slice(at)}`;
    case 1:
      return `${text.slice(0, at)}${text.slice(at + 1)}`;
    default:
      return `${text.slice(0, at)}${random.pick([...alphabet])}${text.slice(at + 1)}`;
  }
}

const PATTERN_TOKENS = [
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  "$.a",
  "$.eventName",
  "$.a[0]",
  "$.",
  "=",
  "!=",
  "<",
  ">=",
  " ",
  "||",
  "&&",
  '"x"',
  '"*x*"',
  "*",
  "1",
  "-1.5e3",
  "%a*b%",
  "%[a-z]+%",
  "%(%",
  "...",
  ",",
  "IS NULL",
  "NOT EXISTS",
  "IS TRUE",
  "?",
  "-",
  "ERROR",
  '"\\""',
  "\\",
  "ü",
  "$",
  "@",
];

/** A pattern made of random tokens, or a real pattern mutated. */
export function hostilePattern(random: Random, real: readonly string[]): string {
  if (random.chance(0.4) && real.length) return byteEdit(random.pick(real), random);
  if (random.chance(0.1)) {
    const kind = random.int(4);
    const n = random.pick([50, 1000, 5000]);
    if (kind === 0) return `{ ${"(".repeat(n)}$.a = 1${")".repeat(n)} }`;
    if (kind === 1) return `{ ${Array(n).fill("$.a = 1").join(" || ")} }`;
    if (kind === 2) return `[${Array(Math.min(n, 60)).fill("...").join(", ")}]`;
    return `{ $.a = %${"a*".repeat(Math.min(n, 200))}b% }`;
  }
  return Array.from({ length: 1 + random.int(12) }, () => random.pick(PATTERN_TOKENS)).join(random.chance(0.5) ? " " : "");
}

/** Events that stress the reader and the matchers. */
export function hostileEventText(random: Random, real: readonly string[]): string {
  const record = random.pick(real);
  switch (random.int(9)) {
    case 0:
      return byteEdit(record, random);
    case 1:
      return `${"[".repeat(random.pick([63, 65, 2000, 20_000]))}`;
    case 2:
      return `[${Array(random.pick([1, 100, 2000]))
        .fill(record)
        .join(",")}]`;
    case 3:
      return `{"Records": [${record}, ${record}]}`;
    case 4:
      return real.slice(0, 5).join("\n");
    case 5:
      return JSON.stringify({
        eventName: "a".repeat(50_000),
        eventTime: random.pick(["2024-01-01T00:00:00Z", "x", "", "-270000-01-01T00:00:00Z", "+270000-12-31T23:59:59Z"]),
      });
    case 6:
      return random.pick(["null", "42", '"a log line"', "[]", "{}", "[[[]]]", '{"a": 1.0}', "\n\n\n", ""]);
    case 7:
      return `${record}\n${byteEdit(record, random)}\n${record}`;
    default:
      return record.replace(/"eventTime":"[^"]*"/, `"eventTime":${random.pick(['"2024-02-30T00:00:00Z"', "null", "12", '"1970-01-01T00:00:00Z"'])}`);
  }
}
