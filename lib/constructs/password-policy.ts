import { Construct } from "constructs";
import { IamAccountPasswordPolicy } from "../aws";
/** The policy's terms (the config's password_policy, already defaulted to CIS's). */
export interface AccountPasswordPolicyProps {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  readonly requireUppercase: boolean;
  readonly requireLowercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  readonly allowUsersToChange: boolean;
  /**
   * Days before a password expires.
   * @default passwords never expire
   */
  readonly maxAgeDays?: number;
  /** Whether an expired password can only be reset by an administrator (applies only with maxAgeDays). */
  readonly hardExpiry: boolean;
}

/** The account's IAM password policy (one per account; IAM is global). */
export class AccountPasswordPolicy extends Construct {
  constructor(scope: Construct, id: string, policy: AccountPasswordPolicyProps) {
    super(scope, id);
    const resource = new IamAccountPasswordPolicy(this, "policy", {
      minimumPasswordLength: policy.minimumLength,
      passwordReusePrevention: policy.reusePrevention,
      requireUppercaseCharacters: policy.requireUppercase,
      requireLowercaseCharacters: policy.requireLowercase,
      requireNumbers: policy.requireNumbers,
      requireSymbols: policy.requireSymbols,
      allowUsersToChangePassword: policy.allowUsersToChange,
      maxPasswordAge: policy.maxAgeDays,
      hardExpiry: policy.maxAgeDays === undefined ? undefined : policy.hardExpiry,
    });
    resource.overrideLogicalId("account");
  }
}
