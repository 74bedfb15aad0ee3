/**
 * Linear passes over JSON text that JSON.parse does not offer. `nestingTooDeep` runs before
 * parsing: 20,000 open brackets parse, but break everything that walks the result, and a
 * 20 MB line of "[" costs a gigabyte. `elementSpans` finds where each element of an array
 * begins and ends, so an event read from an array (or CloudTrail's {"Records": [...]})
 * keeps the very text it was written as: term patterns search that text, as CloudWatch
 * Logs searches the message it received.
 */

/** The offset where nesting first exceeds `limit`, or undefined. */
export function nestingTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') i = stringEnd(text, i);
    else if (char === "[" || char === "{") {
      if (++depth > limit) return i;
    } else if (char === "]" || char === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Spans [start, end) of the elements of the array that opens at `open` (text[open] is "["),
 * whitespace trimmed. The text must be valid JSON (it has been parsed already).
 */
export function elementSpans(text: string, open: number): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = -1;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (depth === 0 && start < 0 && !/\s/.test(char) && char !== "," && char !== "]") start = i;
    if (char === '"') i = stringEnd(text, i);
    else if (char === "[" || char === "{") depth++;
    else if ((char === "]" || char === "}") && depth > 0) depth--;
    else if (depth === 0 && (char === "," || char === "]")) {
      if (start >= 0) spans.push([start, trimEnd(text, i)]);
      start = -1;
      if (char === "]") break;
    }
  }
  return spans;
}

/** Where the value of a top-level object's key starts (the object opens at `open`), or undefined. */
export function topLevelValue(text: string, open: number, key: string): number | undefined {
  let depth = 0;
  let expectValue = false;
  for (let i = open + 1; i < text.length; i++) {
    const char = text[i];
    if (expectValue && !/\s/.test(char) && char !== ":") return i;
    if (char === '"') {
      const end = stringEnd(text, i);
      if (depth === 0 && JSON.parse(text.slice(i, end + 1)) === key && /^\s*:/.test(text.slice(end + 1))) expectValue = true;
      i = end;
    } else if (char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") {
      if (depth === 0) return undefined;
      depth--;
    }
  }
  return undefined;
}

/** The offset of the quote that closes the string opening at `open`. */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return i;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}
