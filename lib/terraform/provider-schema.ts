import facts from "./aws-provider-schema.json";

/**
 * What this project needs to know about the hashicorp/aws provider's resource schemas,
 * trimmed from `terraform providers schema -json` for the resource types it writes: each
 * attribute's type and whether it is required, optional and/or computed, nested blocks,
 * and the schema version state files carry. The review uses it to predict what Terraform
 * will do (which resources carry tags_all, which attributes keep their value when the
 * config stops setting them); the day-2 test harness uses it to build state files. A
 * terraform test regenerates it from the real provider and fails when it differs.
 */

/** A cty type in terraform's JSON spelling: "string", ["list", "string"], ["object", {...}]. */
export type CtyType = string | [string, unknown] | [string, unknown, unknown];

export interface AttributeSchema {
  readonly type?: CtyType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

export interface BlockSchema {
  readonly attributes?: Readonly<Record<string, AttributeSchema>>;
  readonly block_types?: Readonly<Record<string, NestedBlockSchema>>;
}

export interface NestedBlockSchema {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: BlockSchema;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: BlockSchema;
}

export interface ProviderSchemaFacts {
  readonly provider: string;
  readonly version: string;
  readonly resources: Readonly<Record<string, ResourceSchema>>;
}

export const AWS_PROVIDER_SCHEMA = facts as unknown as ProviderSchemaFacts;

/** The schema of a resource type this project writes; throws for any other type. */
export function resourceSchema(type: string): ResourceSchema {
  const schema = AWS_PROVIDER_SCHEMA.resources[type];
  if (!schema)
    throw new Error(
      `no provider schema for ${type} in lib/terraform/aws-provider-schema.json (regenerate it: npm run generate -- --provider-schema <the output of terraform providers schema -json>; the provider-schema test prints the command)`,
    );
  return schema;
}

/** Resources whose tags_all takes the provider's default_tags. */
export function isTaggable(type: string): boolean {
  return AWS_PROVIDER_SCHEMA.resources[type]?.block.attributes?.tags_all !== undefined;
}

/** Trims terraform's full schema output to the given resource types, dropping documentation. */
export function trimProviderSchema(full: unknown, provider: string, version: string, types: readonly string[]): ProviderSchemaFacts {
  const schemas = (full as { provider_schemas: Record<string, { resource_schemas: Record<string, { version: number; block: unknown }> }> }).provider_schemas[
    provider
  ];
  if (!schemas) throw new Error(`the schema output has no ${provider}`);
  const resources: Record<string, ResourceSchema> = {};
  for (const type of [...types].sort()) {
    const schema = schemas.resource_schemas[type];
    if (!schema) throw new Error(`the provider has no resource type ${type}`);
    resources[type] = { version: schema.version, block: trimBlock(schema.block as Record<string, unknown>) };
  }
  return { provider, version, resources };
}

function trimBlock(block: Record<string, unknown>): BlockSchema {
  const attributes: Record<string, AttributeSchema> = {};
  for (const [name, raw] of Object.entries((block.attributes ?? {}) as Record<string, Record<string, unknown>>).sort(([a], [b]) => a.localeCompare(b))) {
    const kept: Record<string, unknown> = { type: raw.type };
    for (const flag of ["required", "optional", "computed", "sensitive"]) if (raw[flag]) kept[flag] = true;
    attributes[name] = kept as AttributeSchema;
  }
  const blockTypes: Record<string, NestedBlockSchema> = {};
  for (const [name, raw] of Object.entries((block.block_types ?? {}) as Record<string, Record<string, unknown>>).sort(([a], [b]) => a.localeCompare(b))) {
    blockTypes[name] = {
      nesting_mode: raw.nesting_mode as NestedBlockSchema["nesting_mode"],
      block: trimBlock(raw.block as Record<string, unknown>),
      ...(raw.min_items ? { min_items: raw.min_items as number } : {}),
      ...(raw.max_items ? { max_items: raw.max_items as number } : {}),
    };
  }
  return { ...(Object.keys(attributes).length ? { attributes } : {}), ...(Object.keys(blockTypes).length ? { block_types: blockTypes } : {}) };
}
