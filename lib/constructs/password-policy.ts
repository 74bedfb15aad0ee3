import { Construct } from "constructs";
import { IamAccountPasswordPolicy } from "../aws";
import { PasswordPolicy } from "../model/model";

/** The account's IAM password policy (one per account; IAM is global). */
export class AccountPasswordPolicy extends Construct {
  constructor(scope: Construct, policy: PasswordPolicy) {
    super(scope, "password-policy");
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
