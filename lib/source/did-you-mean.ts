/**
 * " (did you mean "x"?)" for a word that is close to one of the candidates, else "": the
 * one spelling of every suggestion the tool makes (unknown keys, enum values, rule ids,
 * packs, regions).
 */
export function didYouMean(word: string, candidates: readonly string[], prefix = ""): string {
  const suggestion = closest(word, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${prefix}${suggestion}"?)`;
}

/**
 * The candidate within edit distance 2 (or a third of the word), else the only candidate
 * holding every part of the word (root-usage -> root-account-usage).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  return closestBySpelling(word, candidates) ?? closestByParts(word, candidates);
}

function closestByParts(word: string, candidates: readonly string[]): string | undefined {
  const parts = word
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const holding = candidates.filter((candidate) => parts.every((part) => candidate.toLowerCase().includes(part)));
  return holding.length === 1 ? holding[0] : undefined;
}

function closestBySpelling(word: string, candidates: readonly string[]): string | undefined {
  // Edit distance is quadratic: a 10,000-character word is not a typo of anything.
  if (word.length > 256) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
