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
 *  - of each element's document only the tokens are resolved (resolvedCopy), not the plain
 *    data around them.
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
    for (const element of elements) deepMerge(document, resolvedCopy(this, element.toTerraform()));
    deepMerge(document, resolve(this, own.rawOverrides));
    return document;
  }
}

/**
 * What resolving `value` returns, resolving only its tokens: strings and numbers that
 * carry one are resolved on their own, and so is any array holding one (a list token must
 * be resolved with its list), any object whose keys carry one (a map token) and any value
 * that is not plain data; plain strings, numbers, booleans, null, objects and arrays are
 * copied as they are, with undefined object keys left out (as resolving leaves them out:
 * merged, they would overwrite what an earlier element set). cdktf resolves every value of
 * every element; here most of a document is plain, and resolving was most of synth.
 * (Token strings carry "TfToken["; number tokens are doubles in a reserved range.)
 */
function resolvedCopy(scope: TerraformStack, value: unknown, depth = 0): unknown {
  if (depth > 64) return resolve(scope, value);
  switch (typeof value) {
    case "string":
      return value.includes("TfToken[") ? resolve(scope, value) : value;
    case "number":
      return Number.isFinite(value) && !Token.isUnresolved(value) ? value : resolve(scope, value);
    case "boolean":
      return value;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        if (!value.every(isPlainScalarOrContainer)) return resolve(scope, value);
        return value.map((item) => resolvedCopy(scope, item, depth + 1));
      }
      const prototype = Object.getPrototypeOf(value);
      if ((prototype !== Object.prototype && prototype !== null) || Object.keys(value).some((key) => key.includes("TfToken["))) return resolve(scope, value);
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item !== undefined) out[key] = resolvedCopy(scope, item, depth + 1);
      }
      return out;
    }
    default:
      return resolve(scope, value);
  }
}

/** An array element that can be resolved on its own: anything but undefined, a token string or a token number. */
function isPlainScalarOrContainer(item: unknown): boolean {
  if (item === undefined) return false;
  if (typeof item === "string") return !item.includes("TfToken[");
  if (typeof item === "number") return Number.isFinite(item) && !Token.isUnresolved(item);
  return true;
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
