import { REPLACING_ARGUMENTS } from "./replacement";
import { StackJson } from "./synth-output";

export interface AttributeChange {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceChange {
  readonly type: string;
  readonly name: string;
  readonly change: "added" | "removed" | "changed";
  /** The previous address when a `moved` block renamed it. */
  readonly movedFrom?: string;
  readonly attributes: readonly AttributeChange[];
  /** The arguments that force Terraform to destroy and recreate it (changed resources). */
  readonly replacedBy: readonly string[];
  readonly before?: Record<string, unknown>;
  readonly after?: Record<string, unknown>;
}

export interface StackReview {
  readonly name: string;
  readonly change: "added" | "removed" | "changed" | "unchanged";
  readonly resources: readonly ResourceChange[];
  readonly backend?: { readonly before: unknown; readonly after: unknown };
}

/** Compares two synth outputs stack by stack, resource by resource (metadata ignored). */
export function reviewOutputs(before: Map<string, StackJson>, after: Map<string, StackJson>): StackReview[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.map((name) => reviewStack(name, before.get(name), after.get(name)));
}

function reviewStack(name: string, before: StackJson | undefined, after: StackJson | undefined): StackReview {
  const oldResources = resourcesOf(before);
  const newResources = resourcesOf(after);
  const movedFrom = new Map((after?.moved ?? []).map((move) => [move.to, move.from]));
  const resources: ResourceChange[] = [];
  const consumed = new Set<string>();

  for (const [address, body] of newResources) {
    const [type, resourceName] = splitAddress(address);
    const previousAddress = oldResources.has(address) ? address : movedFrom.get(address);
    const previous = previousAddress ? oldResources.get(previousAddress) : undefined;
    if (!previous) {
      resources.push({ type, name: resourceName, change: "added", attributes: [], replacedBy: [], after: body });
      continue;
    }
    consumed.add(previousAddress!);
    const attributes = diffValues(previous, body);
    const moved = previousAddress !== address ? previousAddress : undefined;
    if (attributes.length === 0 && !moved) continue;
    const replacing = new Set([...(REPLACING_ARGUMENTS[type] ?? []), "provider"]);
    const replacedBy = [...new Set(attributes.map((attribute) => attribute.path.split(/[.[]/)[0]).filter((root) => replacing.has(root)))];
    resources.push({ type, name: resourceName, change: "changed", movedFrom: moved, attributes, replacedBy, before: previous, after: body });
  }
  for (const [address, body] of oldResources) {
    if (newResources.has(address) || consumed.has(address)) continue;
    const [type, resourceName] = splitAddress(address);
    resources.push({ type, name: resourceName, change: "removed", attributes: [], replacedBy: [], before: body });
  }
  propagateReplacements(resources, newResources);
  resources.sort((a, b) => `${a.type}.${a.name}`.localeCompare(`${b.type}.${b.name}`));

  const backendBefore = before?.terraform?.backend;
  const backendAfter = after?.terraform?.backend;
  const backendChanged = before && after && JSON.stringify(backendBefore) !== JSON.stringify(backendAfter);
  const change = !before ? "added" : !after ? "removed" : resources.length || backendChanged ? "changed" : "unchanged";
  return { name, change, resources, backend: backendChanged ? { before: backendBefore, after: backendAfter } : undefined };
}

/**
 * A resource whose replacing argument refers to a replaced resource (a subscription's
 * topic_arn, say) is replaced too, even though its own text did not change.
 */
function propagateReplacements(resources: ResourceChange[], newResources: Map<string, Record<string, unknown>>): void {
  for (let changed = true; changed; ) {
    changed = false;
    const replaced = resources.filter((resource) => resource.replacedBy.length).map((resource) => `${resource.type}.${resource.name}`);
    for (const [address, body] of newResources) {
      const [type, name] = splitAddress(address);
      const existing = resources.find((resource) => resource.type === type && resource.name === name);
      if (existing?.change === "added" || existing?.replacedBy.length) continue;
      const via = (REPLACING_ARGUMENTS[type] ?? []).filter((argument) => replaced.some((target) => String(body[argument] ?? "").includes(`\${${target}.`)));
      if (via.length === 0) continue;
      const reasons = via.map((argument) => `${argument} (its target is replaced)`);
      if (existing) resources[resources.indexOf(existing)] = { ...existing, replacedBy: reasons };
      else resources.push({ type, name, change: "changed", attributes: [], replacedBy: reasons, before: body, after: body });
      changed = true;
    }
  }
}

function resourcesOf(stack: StackJson | undefined): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const [type, byName] of Object.entries(stack?.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const { "//": _metadata, ...rest } = body;
      out.set(`${type}.${name}`, rest);
    }
  }
  return out;
}

function splitAddress(address: string): [string, string] {
  const dot = address.indexOf(".");
  return [address.slice(0, dot), address.slice(dot + 1)];
}

/** Leaf-by-leaf differences; JSON documents held in strings (policies) are compared as JSON. */
export function diffValues(before: unknown, after: unknown, path = ""): AttributeChange[] {
  const parsedBefore = asJsonDocument(before);
  const parsedAfter = asJsonDocument(after);
  if (parsedBefore !== undefined && parsedAfter !== undefined) return diffValues(parsedBefore, parsedAfter, path);
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? Array.from({ length: Math.max(before.length, (after as unknown[]).length) }, (_, index) => index)
      : [...new Set([...Object.keys(before), ...Object.keys(after as object)])].sort();
    return keys.flatMap((key) => {
      const childPath = typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      return diffValues((before as Record<string | number, unknown>)[key], (after as Record<string | number, unknown>)[key], childPath);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function asJsonDocument(value: unknown): unknown {
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(value);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
