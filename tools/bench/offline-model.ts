import { Model } from "../../lib/model/model";

/**
 * The same model, plannable without AWS: an account id where the config reads it from the
 * credentials, and no log group lookup (both are reads at plan time). The bench and the
 * tests plan shipped configs this way; users with credentials need neither change.
 */
export function offlinePlannable(model: Model): Model {
  return {
    ...model,
    accounts: model.accounts.map((account) => ({
      ...account,
      accountId: account.accountId ?? "123456789012",
      logGroup: account.logGroup?.mode === "existing" ? { ...account.logGroup, lookup: false } : account.logGroup,
    })),
  };
}
