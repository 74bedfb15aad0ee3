import { createHash } from "node:crypto";
import { BlockSchema, CtyType, resourceSchema } from "../../lib/terraform/provider-schema";
import { PROVIDER, PlanJson } from "./terraform";

/**
 * Turns an offline plan of a stack into the state file its apply would leave, without AWS:
 * the planned values, with every value only known after apply filled in. A value the
 * config computes from another resource (`topic_arn = aws_sns_topic.x.arn`, a policy that
 * embeds the topic's ARN) is evaluated from that resource's filled value, so state stays
 * consistent across references; any other unknown gets a deterministic fake of its type
 * (ARNs shaped like ARNs). Each resource keeps its provider configuration (alias included)
 * and the schema version the provider expects. The next config is then planned against
 * this state with -refresh=false: exactly the change a user's next pull request makes.
 */
export function stateFromPlan(plan: PlanJson, stackJson: string, account = "123456789012"): string {
  const config = JSON.parse(stackJson) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  const providerKeys = new Map((plan.configuration?.root_module?.resources ?? []).map((resource) => [resource.address, resource.provider_config_key]));
  const planned = new Map(
    (plan.planned_values?.root_module?.resources ?? []).filter((resource) => resource.mode === "managed").map((resource) => [resource.address, resource]),
  );
  const unknowns = new Map((plan.resource_changes ?? []).map((change) => [change.address, change.change.after_unknown ?? {}]));

  const filled = new Map<string, Record<string, unknown>>();
  const filling = new Set<string>();
  const attributesOf = (address: string): Record<string, unknown> => {
    const done = filled.get(address);
    if (done) return done;
    const resource = planned.get(address);
    if (!resource) throw new Error(`the plan does not create ${address}`);
    if (filling.has(address)) throw new Error(`reference cycle through ${address}`);
    filling.add(address);
    const context: FillContext = {
      address,
      account,
      resolve: (reference) => resolveReference(reference, attributesOf),
    };
    const schema = resourceSchema(resource.type).block;
    const body = config.resource?.[resource.type]?.[resource.name] ?? {};
    const attributes = fillBlock(resource.values, unknowns.get(address) ?? {}, body, schema, [], context) as Record<string, unknown>;
    filling.delete(address);
    filled.set(address, attributes);
    return attributes;
  };

  const resources = [...planned.values()].map((resource) => {
    const key = providerKeys.get(resource.address) ?? "aws";
    const alias = key.includes(".") ? key.slice(key.indexOf(".") + 1) : undefined;
    return {
      mode: "managed",
      type: resource.type,
      name: resource.name,
      provider: `provider["${PROVIDER}"]${alias ? `.${alias}` : ""}`,
      instances: [{ schema_version: resource.schema_version, attributes: attributesOf(resource.address), sensitive_attributes: [] }],
    };
  });
  const lineage = createHash("sha256").update(stackJson).digest("hex");
  return JSON.stringify(
    {
      version: 4,
      terraform_version: "1.11.4",
      serial: 1,
      lineage: `${lineage.slice(0, 8)}-${lineage.slice(8, 12)}-${lineage.slice(12, 16)}-${lineage.slice(16, 20)}-${lineage.slice(20, 32)}`,
      outputs: {},
      resources,
    },
    null,
    2,
  );
}

interface FillContext {
  readonly address: string;
  readonly account: string;
  readonly resolve: (reference: string) => unknown;
}

type Path = readonly (string | number)[];

/** Fills the unknown parts of one block's values; `config` is the same block as the stack JSON writes it. */
function fillBlock(values: unknown, unknown: unknown, config: unknown, schema: BlockSchema, path: Path, context: FillContext): unknown {
  const out: Record<string, unknown> = { ...((values as Record<string, unknown>) ?? {}) };
  const unknownMap = (unknown ?? {}) as Record<string, unknown>;
  const configMap = (config ?? {}) as Record<string, unknown>;
  for (const [name, attribute] of Object.entries(schema.attributes ?? {})) {
    out[name] = fillValue(out[name], unknownMap[name], configMap[name], attribute.type ?? "string", [...path, name], context);
  }
  for (const [name, nested] of Object.entries(schema.block_types ?? {})) {
    const blockValues = out[name];
    if (!Array.isArray(blockValues)) continue;
    const unknownItems = (unknownMap[name] ?? []) as unknown[];
    // cdktf writes a single nested block as an object, terraform's state as a one-item list.
    const configItems = Array.isArray(configMap[name]) ? (configMap[name] as unknown[]) : configMap[name] === undefined ? [] : [configMap[name]];
    out[name] = blockValues.map((item, index) => fillBlock(item, unknownItems[index], configItems[index], nested.block, [...path, name, index], context));
  }
  return out;
}

function fillValue(value: unknown, unknown: unknown, config: unknown, type: CtyType, path: Path, context: FillContext): unknown {
  if (unknown === true) {
    if (typeof config === "string" && config.includes("${")) return evaluateTemplate(config, context);
    if (Array.isArray(config) || (config && typeof config === "object")) return evaluateStructure(config, context);
    return fake(type, path, context);
  }
  if (Array.isArray(unknown) && Array.isArray(value)) {
    const elementType = Array.isArray(type) ? (type[1] as CtyType) : "string";
    return value.map((item, index) =>
      fillValue(item, unknown[index], Array.isArray(config) ? config[index] : undefined, elementType, [...path, index], context),
    );
  }
  if (unknown && typeof unknown === "object" && value && typeof value === "object" && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [key, nested] of Object.entries(unknown as Record<string, unknown>)) {
      const elementType = Array.isArray(type) && type[0] === "map" ? (type[1] as CtyType) : "string";
      out[key] = fillValue(out[key], nested, (config as Record<string, unknown> | undefined)?.[key], elementType, [...path, key], context);
    }
    return out;
  }
  return value;
}

function evaluateStructure(config: unknown, context: FillContext): unknown {
  if (typeof config === "string") return config.includes("${") ? evaluateTemplate(config, context) : config;
  if (Array.isArray(config)) return config.map((item) => evaluateStructure(item, context));
  if (config && typeof config === "object") return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, evaluateStructure(value, context)]));
  return config;
}

/** `${type.name.attr}` interpolations (the only expressions cdktf writes here); `$${` is a literal `${`. */
function evaluateTemplate(template: string, context: FillContext): unknown {
  const whole = /^\$\{([^}]+)\}$/.exec(template);
  if (whole) return context.resolve(whole[1]);
  return template.replace(/\$\$\{|%%\{|\$\{([^}]+)\}/g, (match, reference: string | undefined) => {
    if (match === "$${") return "${";
    if (match === "%%{") return "%{";
    return String(context.resolve(reference!));
  });
}

function resolveReference(reference: string, attributesOf: (address: string) => Record<string, unknown>): unknown {
  const steps = reference.match(/[A-Za-z0-9_-]+|\[\d+\]/g) ?? [];
  if (steps[0] === "data") throw new Error(`offline state cannot resolve the data source reference ${reference}`);
  let current: unknown = attributesOf(`${steps[0]}.${steps[1]}`);
  for (const step of steps.slice(2)) {
    const index = /^\[(\d+)\]$/.exec(step);
    current = index ? (current as unknown[])[Number(index[1])] : (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A deterministic stand-in for a value only AWS would know. */
function fake(type: CtyType, path: Path, context: FillContext): unknown {
  const kind = Array.isArray(type) ? type[0] : type;
  if (kind === "number") return 0;
  if (kind === "bool") return false;
  if (kind === "list" || kind === "set") return [];
  if (kind === "map" || kind === "object") return {};
  const [type_, name] = context.address.split(".");
  const leaf = String(path[path.length - 1]);
  const service = type_.replace(/^aws_/, "").split("_")[0];
  if (leaf === "arn" || leaf.endsWith("_arn")) return `arn:aws:${service}:us-east-1:${context.account}:${type_}/${name}`;
  if (leaf === "owner" || leaf === "owner_id") return context.account;
  if (leaf === "id" || leaf.endsWith("_id")) return `${name}-${path.join("-")}-offline`;
  // Other computed strings (an SNS topic's fifo_throughput_scope, say) are empty where AWS leaves them unset.
  return "";
}
