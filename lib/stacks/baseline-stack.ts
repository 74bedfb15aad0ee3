import { TerraformElement, TerraformOutput, TerraformStack, Token } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { deepMerge } from "cdktf/lib/util";

/**
 * The stacks of this app, synthesized with two passes of cdktf's less:
 *  - cdktf resolves every element once more before the real resolve ("preparing"), only to
 *    discover references from one stack to another; this app's stacks never refer to each
 *    other (each is planned and applied on its own), so that pass is skipped;
 *  - cdktf resolves each element's document, merges them, and resolves the merged document
 *    again. Everything in it is resolved already but the stack's own overrides (plain data
 *    here), so only those are resolved: the same document, in half the time.
 *  - an element whose document holds no token at all (every provider block, most filters) is
 *    taken as it is, without resolving.
 * Together they are most of the synth time of a large organization; the output is byte for
 * byte the same (the tests compare every shipped config with cdktf's own synth).
 */
export abstract class BaselineStack extends TerraformStack {
  prepareStack(): void {
    this.ensureBackendExists();
  }

  toTerraform(): Record<string, unknown> {
    const own = this as unknown as { rawOverrides: Record<string, unknown>; cdktfVersion: string };
    const elements = elementsOf(this);
    const metadata: Record<string, unknown> = { version: own.cdktfVersion, stackName: this.node.id, backend: "local" };
    if (Object.keys(own.rawOverrides).length > 0) metadata.overrides = { stack: Object.keys(own.rawOverrides) };
    for (const element of elements) deepMerge(metadata, resolve(this, element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      // Outputs are listed by their construct path, each ending in the output's name.
      const path = element.node.path.split("/");
      deepMerge(outputs, path.reduceRight<unknown>((inner, part) => ({ [part]: inner }), element.friendlyUniqueId) as Record<string, unknown>);
    }
    const document: Record<string, unknown> = { "//": { metadata, outputs } };
    for (const element of elements) {
      const fragment = element.toTerraform();
      const plain = plainCopy(fragment);
      deepMerge(document, plain === NOT_PLAIN ? resolve(this, fragment) : plain);
    }
    deepMerge(document, resolve(this, own.rawOverrides));
    return document;
  }
}

const NOT_PLAIN = Symbol("not plain");

/**
 * What resolving would return, when the value holds no token: strings without token
 * markers, finite numbers that are not number tokens, booleans, null, plain objects and
 * arrays without holes, with the object keys that are undefined left out (as resolving
 * leaves them out: merged, they would overwrite what an earlier element set). NOT_PLAIN
 * when anything needs cdktf's resolution. (Token strings carry "TfToken["; number tokens are
 * doubles in a reserved range.)
 */
function plainCopy(value: unknown, depth = 0): unknown {
  if (depth > 64) return NOT_PLAIN;
  switch (typeof value) {
    case "string":
      return value.includes("TfToken[") ? NOT_PLAIN : value;
    case "number":
      return Number.isFinite(value) && !Token.isUnresolved(value) ? value : NOT_PLAIN;
    case "boolean":
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const items: unknown[] = [];
        for (const item of value) {
          const copy = item === undefined ? NOT_PLAIN : plainCopy(item, depth + 1);
          if (copy === NOT_PLAIN) return NOT_PLAIN;
          items.push(copy);
        }
        return items;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return NOT_PLAIN;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        const copy = plainCopy(item, depth + 1);
        if (copy === NOT_PLAIN) return NOT_PLAIN;
        out[key] = copy;
      }
      return out;
    }
    default:
      return NOT_PLAIN;
  }
}

/** The stack's Terraform elements in tree order (stacks nest none here). */
function elementsOf(stack: TerraformStack): TerraformElement[] {
  const found: TerraformElement[] = [];
  const visit = (scope: { node: { children: readonly unknown[] } }) => {
    for (const child of scope.node.children) {
      if (TerraformElement.isTerraformElement(child)) found.push(child);
      visit(child as { node: { children: readonly unknown[] } });
    }
  };
  visit(stack);
  return found;
}
