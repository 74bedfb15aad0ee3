import { AccountModel } from "../model/model";
import { RemovedBlock, accountStackRemovedBlocks } from "../constructs/analyzer-handover";
import { regionalStackRemovedBlocks } from "../constructs/regional-handover";

/**
 * The `removed` blocks each of an account's stacks declares, from the model alone: HCL
 * output adds them itself, since cdktf's HCL renderer drops a stack's overrides. They are the
 * ones the stacks' handover constructs add to the JSON.
 */
export function removedBlocksByStack(account: AccountModel): [string, RemovedBlock[]][] {
  const first = account.stacks.regional.find((stack) => stack.group === "");
  return [
    [account.stacks.home, accountStackRemovedBlocks(account)],
    ...(first ? [[first.name, regionalStackRemovedBlocks(account)] as [string, RemovedBlock[]]] : []),
  ];
}
