import { Construct } from "constructs";
import { IamAccountPasswordPolicy } from "../aws";
import { PasswordPolicy } from "../model/model";

/** The policy's terms: the config's password_policy as the model holds it, defaulted to CIS's (`enabled` is the stack's choice). */
export type AccountPasswordPolicyProps = Omit<PasswordPolicy, "enabled">;

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
