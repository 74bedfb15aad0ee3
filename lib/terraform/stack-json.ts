import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { MiB, InputRefusal } from "../source/read-text";
import { describeRefusal, parseJson, readJson } from "../source/read-json";
import { readText } from "../source/read-text";
import { isPlainObject } from "../source/plain-data";

/**
 * A synthesized stack (cdk.tf.json) as parsed JSON: the parts this project reads back. The
 * readers (review, check, simulate, compliance) take stacks through `parseStack`, which
 * refuses anything that is not shaped like one, so a `null`, a number or a hand-edited
 * file is a located refusal instead of a wrong answer ("No changes") or a crash.
 */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: { aws?: Record<string, unknown>[] };
  readonly terraform?: { backend?: Record<string, Record<string, unknown>>; cloud?: Record<string, unknown> };
  readonly moved?: readonly { from: string; to: string }[];
  readonly removed?: readonly { from: string; lifecycle?: { destroy?: boolean } }[];
  readonly import?: readonly { to: string; id: string; provider?: string }[];
  readonly output?: Record<string, { value: unknown; description?: string }>;
}

/** A stack file is read up to this size: a 1,000-account organization's central stack is a few MB. */
export const MAX_STACK_BYTES = 64 * MiB;
/** Synthesized stacks nest about 10 deep (a policy is a string); this leaves room and stops hostile files. */
export const MAX_STACK_DEPTH = 64;

/** Checks that a parsed value is shaped like a synthesized stack; the refusal names the first field that is not. */
export function parseStack(value: unknown): StackJson {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new InputRefusal(
      `not a synthesized stack (cdk.tf.json): ${field ? `${field} is ${kindOf(got)}, expected ${expected}` : `it is ${kindOf(got)}, expected an object`}`,
    );
  };
  if (!isPlainObject(value)) return fail("", "an object", value);
  if (!isPlainObject(value.terraform)) return fail("terraform", "an object (every synthesized stack has a terraform block)", value.terraform);
  if (value.terraform.backend !== undefined) objectsOf(value.terraform.backend, "terraform.backend", fail);
  for (const kind of ["resource", "data"] as const) {
    if (value[kind] === undefined) continue;
    for (const [type, byName] of Object.entries(objectsOf(value[kind], kind, fail))) objectsOf(byName, `${kind}.${type}`, fail);
  }
  if (value.provider !== undefined) {
    const providers = objectsOf(value.provider, "provider", fail, true);
    for (const [name, list] of Object.entries(providers)) {
      if (!Array.isArray(list)) fail(`provider.${name}`, "a list", list);
      (list as unknown[]).forEach((item, index) => isPlainObject(item) || fail(`provider.${name}[${index}]`, "an object", item));
    }
  }
  const blocks: [string, readonly string[]][] = [
    ["moved", ["from", "to"]],
    ["removed", ["from"]],
    ["import", ["to", "id"]],
  ];
  for (const [kind, fields] of blocks) {
    if (value[kind] === undefined) continue;
    if (!Array.isArray(value[kind])) fail(kind, "a list", value[kind]);
    (value[kind] as unknown[]).forEach((item, index) => {
      if (!isPlainObject(item)) return fail(`${kind}[${index}]`, "an object", item);
      for (const field of fields) if (typeof item[field] !== "string") fail(`${kind}[${index}].${field}`, "a string", item[field]);
    });
  }
  if (value.output !== undefined) objectsOf(value.output, "output", fail);
  return value as StackJson;
}

function objectsOf(
  value: unknown,
  field: string,
  fail: (field: string, expected: string, got: unknown) => never,
  listsAllowed = false,
): Record<string, unknown> {
  if (!isPlainObject(value)) return fail(field, "an object", value);
  if (!listsAllowed) for (const [key, item] of Object.entries(value)) if (!isPlainObject(item)) fail(`${field}.${key}`, "an object", item);
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (value === undefined) return "missing";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Reads one stack file with the bounded reader; refusals are located (`file:line:column: reason`). */
export function readStackFile(file: string): StackJson {
  try {
    return parseStack(readJson(file, MAX_STACK_BYTES, MAX_STACK_DEPTH));
  } catch (error) {
    if (error instanceof InputRefusal) throw new StackFileError(describeRefusal(file, error));
    throw error;
  }
}

/** A stack file that cannot be used; the message is located. */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/** Reads every stack of a cdktf output folder (cdktf.out): stack name -> JSON. */
export function readSynthOutput(dir: string): Map<string, StackJson> {
  const stacksDir = join(dir, "stacks");
  let names: string[];
  try {
    if (!lstatSync(stacksDir).isDirectory()) throw new Error("not a folder");
    names = readdirSync(stacksDir).sort();
  } catch {
    throw new StackFileError(`${dir} has no stacks/ folder; is it a cdktf output folder (cdktf.out)?`);
  }
  const stacks = new Map<string, StackJson>();
  for (const name of names) {
    const folder = join(stacksDir, name);
    if (!lstatSync(folder).isDirectory()) continue;
    const file = join(folder, "cdk.tf.json");
    if (!exists(file)) {
      if (exists(join(folder, "cdk.tf"))) throw new StackFileError(`${folder} holds HCL; review reads the JSON output (synth without --hcl)`);
      continue; // a stack folder the cdktf CLI is about to remove (terraform's working files only)
    }
    stacks.set(name, readStackFile(file));
  }
  return stacks;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Every stack's JSON text in a cdktf output folder, read bounded: stack name -> text (checked to be a stack). */
export function readSynthOutputTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  const stacksDir = join(dir, "stacks");
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (!exists(file)) continue;
    try {
      const text = readText(file, MAX_STACK_BYTES);
      parseStack(parseJson(text, MAX_STACK_DEPTH));
      texts.set(name, text);
    } catch (error) {
      if (error instanceof InputRefusal) throw new StackFileError(describeRefusal(file, error));
      throw error;
    }
  }
  return texts;
}

/** Managed resources by address (`type.name`), bodies as written (the "//" notes included). */
export function resourcesOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  }
  return out;
}

/** A stack's provider configurations by Terraform key: "aws" or "aws.<alias>". */
export function providersOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  return new Map((stack?.provider?.aws ?? []).map((config) => [config.alias ? `aws.${String(config.alias)}` : "aws", config]));
}

export function splitAddress(address: string): { type: string; name: string } {
  const dot = address.indexOf(".");
  return { type: address.slice(0, dot), name: address.slice(dot + 1) };
}

/** Arguments that are Terraform's, not the resource's. */
export const META_ARGUMENTS = new Set(["//", "provider", "depends_on", "lifecycle", "count", "for_each", "provisioner", "connection"]);
