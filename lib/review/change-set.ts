/**
 * What a change does, in Terraform's own terms, stack by stack. Two sources produce it:
 * the prediction from two synth outputs (predict.ts, no terraform and no AWS needed) and a
 * real plan (plan-input.ts, `terraform show -json`); markdown.ts renders either the same
 * way. The test suite plans every case of its day-2 matrix with terraform and requires the
 * prediction to equal the plan, resource for resource.
 */

/** Terraform's action on a resource (a move without changes is "no-op" with movedFrom). */
export type ResourceAction = "create" | "update" | "replace" | "delete" | "forget" | "no-op";

export interface AttributeChange {
  /** `period`, `metric_transformation[0].namespace`, `policy.Statement[0].Condition` */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ResourceAction;
  /** The address in the state before a `moved` block renamed it. */
  readonly movedFrom?: string;
  /** The id an `import` block adopts the real object with. */
  readonly importId?: string;
  /** Differences in the resource's configuration, references resolved where they are known. */
  readonly attributes: readonly AttributeChange[];
  /** Why a replacement happens: the arguments that force it. */
  readonly replacedBecause: readonly string[];
  /** The resource's configuration before and after (synth JSON bodies, or plan values). */
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
}

export interface ProviderChange {
  /** "aws" or "aws.us_east_1" */
  readonly provider: string;
  readonly change: "added" | "removed" | "changed";
  readonly attributes: readonly AttributeChange[];
}

export type StackStatus =
  /** Not in the base: terraform creates everything from an empty state. */
  | "new"
  | "changed"
  | "unchanged"
  /** Gone from the config: terraform is never run for it again; its resources stay in AWS, unmanaged. */
  | "orphaned";

export interface StackChange {
  readonly name: string;
  readonly status: StackStatus;
  /** Resources with an action other than no-op, or moved, or imported; sorted by address. */
  readonly resources: readonly ResourceChange[];
  /** Resources an orphaned stack leaves behind in AWS. */
  readonly orphaned: readonly ResourceChange[];
  readonly providers: readonly ProviderChange[];
  readonly backend?: { readonly before: unknown; readonly after: unknown };
  /**
   * Stack outputs added or removed (by name). A removed output breaks whatever reads it
   * (terraform_remote_state, `terraform output`); changed values are not predicted, since
   * most are known only after apply.
   */
  readonly outputs?: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Why terraform would refuse to plan this stack at all. */
  readonly blockers: readonly string[];
}

export interface ChangeSet {
  readonly stacks: readonly StackChange[];
  /** True when the base had no such config at all (its first pull request). */
  readonly newConfig: boolean;
}

/** A resource that counts as a change: anything but a plain no-op. */
export function isChange(change: Pick<ResourceChange, "action" | "movedFrom" | "importId">): boolean {
  return change.action !== "no-op" || change.movedFrom !== undefined || change.importId !== undefined;
}

export function compareAddresses(a: { address: string }, b: { address: string }): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
