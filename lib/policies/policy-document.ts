/** IAM policy documents as plain data; serialised with stable key order for reviewable diffs. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  /** Resource policies name a principal; identity policies (attached to a role) must not. */
  readonly Principal?: "*" | { readonly AWS?: string; readonly Service?: string };
  readonly Action: string | readonly string[];
  /** Trust policies (who may assume a role) have no resource. */
  readonly Resource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** Pretty JSON: one key per line, so a policy change shows as a small diff in review. */
export function renderPolicy(document: PolicyDocument): string {
  return JSON.stringify(document, null, 2);
}

/** Where the stack runs: literal values, or Terraform references when the account id is read at plan. */
export interface AccountContext {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}
