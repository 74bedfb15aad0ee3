/**
 * Terraform reads every string as a template: `${...}` interpolates and `%{...}` is a
 * directive, in JSON and HCL alike. Text from the config (patterns, descriptions, tags,
 * endpoints) must reach AWS as written, so both are escaped ($${ and %%{). cdktf does not.
 */
export function literal(text: string): string;
export function literal(text: string | undefined): string | undefined;
export function literal(text: string | undefined): string | undefined {
  // A function replacer: in a replacement string "$$" would itself mean a single "$".
  return text === undefined ? undefined : text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

export function literalMap(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [literal(key), literal(value)]));
}
