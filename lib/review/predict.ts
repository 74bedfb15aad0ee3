import { AttributeSchema, BlockSchema, CtyType, isTaggable, resourceSchema } from "../terraform/provider-schema";
import { AttributeChange, ChangeSet, ProviderChange, ResourceAction, ResourceChange, StackChange, compareAddresses, isChange } from "./change-set";
import { REPLACING_ARGUMENTS } from "./replacement";
import { META_ARGUMENTS, StackJson, providersOf, resourcesOf, splitAddress } from "../terraform/stack-json";
import { diffValues } from "./values";

/**
 * Predicts what `terraform plan` does when the state holds what `base` declared and the
 * config is now `head`, the way terraform decides it: `moved` blocks rename, `removed`
 * blocks forget, `import` blocks adopt; a resource is replaced when an argument that forces
 * replacement changes (replacement.ts), updated when any other argument or its tags_all
 * (its own tags merged over the provider's default_tags) changes. References are resolved
 * on both sides: to the referenced argument's value when the config sets it, to a stable
 * token for values AWS assigns (an ARN), and to "(known after apply)" when the referenced
 * resource is created or replaced, which is how a replaced topic drags its subscriptions
 * and alarms along. Arguments left out of the config keep their value when the provider
 * computes them (optional + computed in the schema) and are cleared otherwise.
 */
export function predictChanges(base: ReadonlyMap<string, StackJson>, head: ReadonlyMap<string, StackJson>, options: { newConfig?: boolean } = {}): ChangeSet {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  return { stacks: names.map((name) => predictStack(name, base.get(name), head.get(name))), newConfig: options.newConfig ?? false };
}

export const UNKNOWN = "(known after apply)";

export function predictStack(name: string, base: StackJson | undefined, head: StackJson | undefined): StackChange {
  const before = resourcesOf(base);
  if (!head) {
    const orphaned = [...before].map(([address, body]) => ({
      ...splitAddress(address),
      address,
      action: "no-op" as const,
      attributes: [],
      replacedBecause: [],
      before: body,
    }));
    return { name, status: "orphaned", resources: [], orphaned: orphaned.sort(compareAddresses), providers: [], blockers: [] };
  }
  const after = resourcesOf(head);
  const movedFrom = new Map<string, string>();
  for (const move of head.moved ?? []) {
    if (before.has(move.from) && !before.has(move.to) && after.has(move.to)) movedFrom.set(move.to, move.from);
  }
  const imports = new Map((head.import ?? []).map((block) => [block.to, block.id]));
  const forgotten = new Set((head.removed ?? []).filter((block) => block.lifecycle?.destroy === false).map((block) => block.from));
  const baseProviders = providersOf(base);
  const headProviders = providersOf(head);

  const predicted = new Map<string, ResourceChange>();
  const inProgress = new Set<string>();
  const baseSide: Side = { resources: before, resolve: (reference) => resolveReference(reference, baseSide, (address) => address) };
  const headSide: Side = {
    resources: after,
    resolve: (reference) =>
      resolveReference(reference, headSide, (address) => {
        const change = predict(address);
        if (change.action === "create" || change.action === "replace") return undefined;
        return change.movedFrom ?? address;
      }),
  };

  function predict(address: string): ResourceChange {
    const done = predicted.get(address);
    if (done) return done;
    if (inProgress.has(address)) throw new Error(`reference cycle through ${address}`);
    inProgress.add(address);
    const { type, name: resourceName } = splitAddress(address);
    const body = after.get(address)!;
    const previous = movedFrom.get(address) ?? address;
    const importId = imports.get(address);
    let change: ResourceChange;
    if (!before.has(previous)) {
      // An import adopts the real object; whether it then needs an update depends on AWS, which only a real plan can read.
      change = {
        address,
        type,
        name: resourceName,
        action: importId !== undefined ? "no-op" : "create",
        importId,
        attributes: [],
        replacedBecause: [],
        after: body,
      };
    } else {
      const schema = resourceSchema(type).block;
      const attributes = [
        ...compareArguments(before.get(previous)!, body, schema, baseSide, headSide),
        ...compareTags(type, before.get(previous)!, body, baseProviders, headProviders),
      ];
      const forcing = new Set(REPLACING_ARGUMENTS[type] ?? []);
      const replacedBecause = [...new Set(attributes.map((attribute) => rootOf(attribute.path)).filter((root) => forcing.has(root)))];
      const action: ResourceAction = replacedBecause.length ? "replace" : attributes.length ? "update" : "no-op";
      change = {
        address,
        type,
        name: resourceName,
        action,
        movedFrom: previous !== address ? previous : undefined,
        attributes,
        replacedBecause,
        before: before.get(previous),
        after: body,
      };
    }
    inProgress.delete(address);
    predicted.set(address, change);
    return change;
  }

  const resources: ResourceChange[] = [...after.keys()].map(predict);
  const consumed = new Set(resources.map((change) => change.movedFrom ?? change.address));
  for (const [address, body] of before) {
    if (consumed.has(address)) continue;
    const action: ResourceAction = forgotten.has(address) ? "forget" : "delete";
    resources.push({ ...splitAddress(address), address, action, attributes: [], replacedBecause: [], before: body });
  }
  const changed = resources.filter(isChange).sort(compareAddresses);
  const providers = base ? compareProviders(baseProviders, headProviders) : [];
  // Where the state is: a backend block, or HCP Terraform's cloud block.
  const backendBefore = base?.terraform?.backend ?? (base?.terraform?.cloud ? { cloud: base.terraform.cloud } : undefined);
  const backendAfter = head.terraform?.backend ?? (head.terraform?.cloud ? { cloud: head.terraform.cloud } : undefined);
  const backend = base && JSON.stringify(backendBefore) !== JSON.stringify(backendAfter) ? { before: backendBefore, after: backendAfter } : undefined;
  const outputs = base ? compareOutputs(base, head) : undefined;
  const status = !base ? "new" : changed.length || providers.length || backend || outputs ? "changed" : "unchanged";
  return { name, status, resources: changed, orphaned: [], providers, backend, outputs, blockers: missingProviders(changed, headProviders) };
}

function compareOutputs(base: StackJson, head: StackJson): StackChange["outputs"] {
  const before = Object.keys(base.output ?? {});
  const after = Object.keys(head.output ?? {});
  const added = after.filter((name) => !before.includes(name)).sort();
  const removed = before.filter((name) => !after.includes(name)).sort();
  return added.length || removed.length ? { added, removed } : undefined;
}

/**
 * Terraform needs the provider configuration of everything it destroys or forgets; when
 * the config no longer declares it, the plan fails ("Provider configuration not present").
 */
function missingProviders(changes: readonly ResourceChange[], headProviders: ReadonlyMap<string, unknown>): string[] {
  const stranded = changes.filter(
    (change) => (change.action === "delete" || change.action === "forget") && !headProviders.has(String(change.before?.provider ?? "aws")),
  );
  if (stranded.length === 0) return [];
  const providers = [...new Set(stranded.map((change) => String(change.before?.provider ?? "aws")))];
  const hint = stranded.every((change) => change.type === "aws_accessanalyzer_analyzer")
    ? "The analyzers moved to other stacks (version 0.1 kept them in the account stack; before regions were grouped, <account>-regions held every region's; until us-west-1 joined -regions-americas, <account>-regions held it): set access_analyzer.import_existing: true for one deploy, so that the stacks that hold them now adopt them and this stack forgets them."
    : "Keep those providers declared until the resources are gone.";
  return [
    `terraform cannot plan this stack: its state holds ${stranded.map((change) => `\`${change.address}\``).join(", ")}, but ${providers.length === 1 ? "its provider" : "their providers"} ${providers.map((provider) => `\`${provider}\``).join(", ")} ${providers.length === 1 ? "is" : "are"} no longer declared. ${hint}`,
  ];
}

interface Side {
  readonly resources: ReadonlyMap<string, Record<string, unknown>>;
  readonly resolve: (reference: string) => unknown;
}

/**
 * The value of `${type.name.path}` on one side: the referenced argument as that side's
 * config sets it, else a token naming the object in the state (`stateAddress` maps a head
 * address to where the object lives in the base state, or undefined when it is new).
 */
function resolveReference(reference: string, side: Side, stateAddress: (address: string) => string | undefined): unknown {
  const steps = reference.match(/[A-Za-z0-9_-]+|\[\d+\]/g) ?? [];
  if (steps[0] === "data") return `<${reference}>`;
  const address = `${steps[0]}.${steps[1]}`;
  const body = side.resources.get(address);
  if (!body) return `<${reference}>`;
  let current: unknown = body;
  for (const step of steps.slice(2)) {
    const index = /^\[(\d+)\]$/.exec(step);
    if (current === undefined || current === null) break;
    // cdktf writes one nested block as an object; terraform addresses it as item [0].
    if (index) current = Array.isArray(current) ? current[Number(index[1])] : Number(index[1]) === 0 ? current : undefined;
    else current = (current as Record<string, unknown>)[step];
  }
  if (current !== undefined && current !== null && typeof current !== "object") return resolveValue(current, side);
  const where = stateAddress(address);
  return where === undefined ? UNKNOWN : `<${where}${reference.slice(address.length)}>`;
}

/** Resolves every `${...}` in a value; a string with an unknown part is unknown as a whole. */
function resolveValue(value: unknown, side: Side): unknown {
  if (typeof value === "string") {
    if (!value.includes("${")) return value;
    const whole = /^\$\{([^}]+)\}$/.exec(value);
    if (whole) return side.resolve(whole[1]);
    let unknown = false;
    const text = value.replace(/\$\$\{|\$\{([^}]+)\}/g, (match, reference: string | undefined) => {
      if (match === "$${") return match;
      const resolved = side.resolve(reference!);
      if (resolved === UNKNOWN) unknown = true;
      return String(resolved);
    });
    return unknown ? UNKNOWN : text;
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, side));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, side)]));
  return value;
}

function compareArguments(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  schema: BlockSchema,
  baseSide: Side,
  headSide: Side,
): AttributeChange[] {
  const changes: AttributeChange[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => !META_ARGUMENTS.has(name)).sort();
  for (const name of names) {
    const attribute: AttributeSchema | undefined = schema.attributes?.[name];
    const inBefore = before[name] !== undefined;
    const inAfter = after[name] !== undefined;
    // Left out of the config: a computed argument keeps what the provider set; any other is cleared.
    if (inBefore && !inAfter && attribute?.computed) continue;
    const old = normalize(resolveValue(before[name], baseSide), attribute?.type);
    const now = normalize(resolveValue(after[name], headSide), attribute?.type);
    changes.push(...diffValues(old, now, name, UNKNOWN));
  }
  return changes;
}

/** Sets compare as sets: terraform does not care in which order a config lists them. */
function normalize(value: unknown, type: CtyType | undefined): unknown {
  if (Array.isArray(value) && Array.isArray(type) && type[0] === "set") return [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return value;
}

/** tags_all: the provider's default_tags with the resource's own tags over them. */
function compareTags(
  type: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  baseProviders: ReadonlyMap<string, Record<string, unknown>>,
  headProviders: ReadonlyMap<string, Record<string, unknown>>,
): AttributeChange[] {
  if (!isTaggable(type)) return [];
  const effective = (body: Record<string, unknown>, providers: ReadonlyMap<string, Record<string, unknown>>) => {
    const provider = providers.get(String(body.provider ?? "aws"));
    const defaults = ((provider?.default_tags as { tags?: Record<string, string> }[] | undefined)?.[0]?.tags ?? {}) as Record<string, string>;
    return { ...defaults, ...((body.tags as Record<string, string> | undefined) ?? {}) };
  };
  return diffValues(effective(before, baseProviders), effective(after, headProviders), "tags_all", UNKNOWN);
}

function compareProviders(before: ReadonlyMap<string, Record<string, unknown>>, after: ReadonlyMap<string, Record<string, unknown>>): ProviderChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: ProviderChange[] = [];
  for (const key of keys) {
    const old = before.get(key);
    const now = after.get(key);
    if (!old) changes.push({ provider: key, change: "added", attributes: [] });
    else if (!now) changes.push({ provider: key, change: "removed", attributes: [] });
    else {
      // A block one side lacks compares as an empty one, so its arguments show one by one.
      const blocks = (config: Record<string, unknown>) => ({ assume_role: [{}], default_tags: [{ tags: {} }], ...config });
      const attributes = diffValues(blocks(old), blocks(now), "", UNKNOWN);
      if (attributes.length) changes.push({ provider: key, change: "changed", attributes });
    }
  }
  return changes;
}

function rootOf(path: string): string {
  return path.split(/[.[]/)[0];
}
