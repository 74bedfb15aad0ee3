/**
 * Generated text inside a hand-written Markdown file: the lines between
 * `<!-- <name>:start -->` and `<!-- <name>:end -->` belong to a generator, the rest to people.
 */
export function markers(name: string): { start: string; end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** `text` with the section `name` holding `content`; throws when the file lacks its markers. */
export function withSection(text: string, name: string, content: string, file: string): string {
  const { start, end } = markers(name);
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} lacks the ${start} / ${end} markers`);
  return `${text.slice(0, from + start.length)}\n${content}${text.slice(to)}`;
}

/** The names of the sections `text` marks whose names start with `prefix` (in file order). */
export function sectionNames(text: string, prefix: string): string[] {
  return [...text.matchAll(/<!-- ([^ ]+):start -->/g)].map((match) => match[1]).filter((name) => name.startsWith(prefix));
}
