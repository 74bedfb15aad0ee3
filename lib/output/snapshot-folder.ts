import { lstatSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { InputRefusal, MiB } from "../source/read-text";
import { describeRefusal, parseJson } from "../source/read-json";
import { readText } from "../source/read-text";
import { MAX_STACK_DEPTH, StackFileError, parseStack } from "../terraform/stack-json";
import { FolderLayout } from "./output-folder";

/**
 * A check snapshot: one `<stack>.tf.json` per synthesized stack, committed beside the
 * config. Its files say themselves that this tool wrote them (cdktf's metadata names the
 * stack), so the folder keeps no record of its own; any other file in it stops an update.
 */
export const SNAPSHOT_SUFFIX = ".tf.json";

const MAX_SNAPSHOT_BYTES = 64 * MiB;

export const SNAPSHOT_LAYOUT: FolderLayout = {
  description: "the snapshot",
  keepsRecord: false,
  adopt(folder) {
    const files = readdirSync(folder).filter((name) => snapshotStackName(join(folder, name), name) !== undefined);
    return { files, folders: [] };
  },
  foreign: () => "refuse",
};

/** The stack a snapshot file holds, when it is a regular `<stack>.tf.json` whose cdktf metadata names that stack. */
function snapshotStackName(file: string, name: string): string | undefined {
  if (!name.endsWith(SNAPSHOT_SUFFIX)) return undefined;
  try {
    if (!lstatSync(file).isFile()) return undefined;
    const stack = parseJson(readText(file, MAX_SNAPSHOT_BYTES), MAX_STACK_DEPTH) as { "//"?: { metadata?: { stackName?: unknown } } };
    const stackName = name.slice(0, -SNAPSHOT_SUFFIX.length);
    return stack?.["//"]?.metadata?.stackName === stackName ? stackName : undefined;
  } catch {
    return undefined;
  }
}

/** The committed snapshot, stack name -> JSON text; a file that cannot be a stack is a located refusal. */
export function readSnapshot(folder: string): Map<string, string> {
  const stacks = new Map<string, string>();
  let names: string[];
  try {
    if (!lstatSync(folder).isDirectory()) throw new StackFileError(`${folder}: the snapshot must be a folder of <stack>.tf.json files`);
    names = readdirSync(folder).sort();
  } catch (error) {
    if (error instanceof StackFileError) throw error;
    return stacks; // no snapshot yet
  }
  for (const name of names) {
    if (!name.endsWith(SNAPSHOT_SUFFIX)) continue;
    const file = join(folder, name);
    try {
      const text = readText(file, MAX_SNAPSHOT_BYTES);
      parseStack(parseJson(text, MAX_STACK_DEPTH));
      stacks.set(name.slice(0, -SNAPSHOT_SUFFIX.length), text);
    } catch (error) {
      if (error instanceof InputRefusal) throw new StackFileError(describeRefusal(file, error));
      throw error;
    }
  }
  return stacks;
}
