import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { contents } from "../support/folder-contents";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FolderLayout, FolderReplacement, RECORD_FILE } from "../../lib/output/output-folder";
import { OutputRefusal } from "../../lib/output/output-refusal";
import { synthOutputLayout } from "../../lib/output/synth-output";

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const nothingAdopted: FolderLayout = { description: "the test output", adopt: () => undefined, foreign: () => "refuse" };

function replace(target: string, files: Record<string, string>, layout: FolderLayout = nothingAdopted): void {
  const replacement = FolderReplacement.open(target, layout);
  write(replacement.staging, files);
  replacement.commit();
}

describe("an output folder replaced as a whole", () => {
  let parent: string;
  let target: string;
  beforeEach(() => {
    parent = mkdtempSync(join(tmpdir(), "cis-folder-"));
    target = join(parent, "out");
  });

  test("the first write creates the folder with a record of every file written, and leaves nothing beside it", () => {
    replace(target, { "a.json": "1", "stacks/x/cdk.tf.json": "2" });
    expect(readdirSync(parent)).toEqual(["out"]);
    const record = JSON.parse(readFileSync(join(target, RECORD_FILE), "utf8"));
    expect(record).toEqual({ writtenBy: "cdktf-aws-cis-baseline", files: ["a.json", "stacks/x/cdk.tf.json"], folders: ["stacks", "stacks/x"] });
  });

  test("a later write removes what the earlier one wrote and no longer writes", () => {
    replace(target, { "a.json": "1", "b.json": "2" });
    replace(target, { "a.json": "3" });
    expect(contents(target)).toEqual({ "a.json": "3", [RECORD_FILE]: expect.any(String) });
  });

  test("a folder holding files this tool did not write is refused, and nothing in it changes", () => {
    write(target, { "notes.txt": "mine", "stacks/networking/main.tf": "theirs" });
    const before = contents(target);
    expect(() => FolderReplacement.open(target, nothingAdopted)).toThrow(OutputRefusal);
    expect(() => FolderReplacement.open(target, nothingAdopted)).toThrow(/holds .*notes\.txt, .*stacks.*which this tool did not write/);
    expect(contents(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  test("a foreign file added later to one of our folders is refused too", () => {
    replace(target, { "stacks/x/cdk.tf.json": "1" });
    write(target, { "stacks/y/main.tf": "theirs" });
    expect(() => replace(target, { "stacks/x/cdk.tf.json": "2" })).toThrow(/stacks\/y, which this tool did not write/);
    expect(readFileSync(join(target, "stacks/x/cdk.tf.json"), "utf8")).toBe("1");
  });

  test("an abandoned write leaves the previous folder exactly as it was", () => {
    replace(target, { "a.json": "1" });
    const before = contents(target);
    const replacement = FolderReplacement.open(target, nothingAdopted);
    write(replacement.staging, { "a.json": "half" });
    replacement.abandon();
    expect(contents(target)).toEqual(before);
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  test("one writer at a time: a second is refused while the first holds the folder", () => {
    const first = FolderReplacement.open(target, nothingAdopted);
    expect(() => FolderReplacement.open(target, nothingAdopted)).toThrow(/another synth \(process \d+\) is writing/);
    first.abandon();
    expect(() => replace(target, { "a.json": "1" })).not.toThrow();
  });

  test("the lock of a process that is gone (a killed synth) is taken over", () => {
    writeFileSync(join(parent, ".out.lock"), JSON.stringify({ pid: 2 ** 22 + 12345 }));
    replace(target, { "a.json": "1" });
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  test("a swap killed between its two renames is undone: the previous folder comes back", () => {
    replace(target, { "a.json": "old" });
    // What a kill right after `rename(target, aside)` leaves: no target, the old folder aside, the new one staged.
    renameSync(target, join(parent, ".out.previous-999"));
    write(join(parent, ".out.next-999"), { [RECORD_FILE]: JSON.stringify({ writtenBy: "cdktf-aws-cis-baseline", files: [], folders: [] }), "a.json": "new" });
    const replacement = FolderReplacement.open(target, nothingAdopted);
    expect(readFileSync(join(target, "a.json"), "utf8")).toBe("old");
    replacement.abandon();
    expect(readdirSync(parent)).toEqual(["out"]);
  });

  test("a removal killed halfway still carries the record until the folder is empty, so the next write finishes it", () => {
    replace(target, { "a.json": "1", "b/c.json": "2" });
    // What a kill inside the removal of the old folder leaves: some files gone, the record (removed last) still there.
    renameSync(target, join(parent, ".out.previous-998"));
    rmSync(join(parent, ".out.previous-998", "a.json"));
    // A kill right after the record went leaves an empty folder; one before the first record was in place, only its partial copy.
    mkdirSync(join(parent, ".out.previous-996"));
    write(join(parent, ".out.next-995"), { [`${RECORD_FILE}.partial`]: '{"writtenBy": "cdktf-aws' });
    replace(target, { "a.json": "3" });
    expect(readdirSync(parent).sort()).toEqual(["out"]);
    expect(readFileSync(join(target, "a.json"), "utf8")).toBe("3");
  });

  test("leftovers of killed writes that are not this tool's are never removed", () => {
    write(join(parent, ".out.next-5"), { "someone.txt": "x" });
    replace(target, { "a.json": "1" });
    expect(readdirSync(parent).sort()).toEqual([".out.next-5", "out"]);
  });

  test("a target that is a file is refused", () => {
    writeFileSync(target, "x");
    expect(() => FolderReplacement.open(target, nothingAdopted)).toThrow(/is not a folder/);
  });
});

describe("the synth output's layout", () => {
  let target: string;
  const stack = (name: string) => ({ [`stacks/${name}/cdk.tf.json`]: `{"stack": "${name}"}` });
  const synth = (stacks: string[], underCli = false) => {
    const replacement = FolderReplacement.open(target, synthOutputLayout(new Set(stacks), underCli));
    write(
      replacement.staging,
      Object.assign({ "manifest.json": JSON.stringify({ stacks: Object.fromEntries(stacks.map((name) => [name, {}])) }) }, ...stacks.map(stack)),
    );
    const stale = underCli ? replacement.previousFolders.filter((folder) => /^stacks\/[^/]+$/.test(folder) && !stacks.includes(folder.slice(7))) : [];
    replacement.commit(stale);
  };
  beforeEach(() => {
    target = join(mkdtempSync(join(tmpdir(), "cis-synth-out-")), "cdktf.out");
  });

  test("terraform's working files and the user's own files in a stack folder are kept", () => {
    synth(["main"]);
    write(target, { "stacks/main/.terraform/providers/x": "binary", "stacks/main/.terraform.lock.hcl": "lock", "stacks/main/offline_override.tf.json": "{}" });
    synth(["main"]);
    expect(contents(target)).toMatchObject({
      "stacks/main/.terraform/providers/x": "binary",
      "stacks/main/.terraform.lock.hcl": "lock",
      "stacks/main/offline_override.tf.json": "{}",
      "stacks/main/cdk.tf.json": '{"stack": "main"}',
    });
  });

  test("a stack no longer in the config goes, with terraform's working files; a file of the user's in it stops the synth", () => {
    synth(["main", "old"]);
    write(target, { "stacks/old/.terraform/x": "cache", "stacks/old/plan": "plan" });
    synth(["main"]);
    expect(existsSync(join(target, "stacks/old"))).toBe(false);
    synth(["main", "old"]);
    write(target, { "stacks/old/terraform.tfstate": "state" });
    expect(() => synth(["main"])).toThrow(/stacks\/old\/terraform\.tfstate, which this tool did not write/);
    expect(readFileSync(join(target, "stacks/old/terraform.tfstate"), "utf8")).toBe("state");
  });

  test("under the cdktf CLI a stale stack's folder stays for the CLI to remove (it fails on a folder already gone)", () => {
    synth(["main", "old"], true);
    write(target, { "stacks/old/.terraform/x": "cache" });
    synth(["main"], true);
    expect(readdirSync(join(target, "stacks")).sort()).toEqual(["main", "old"]);
    expect(contents(join(target, "stacks/old"))).toEqual({ ".terraform/x": "cache" });
  });

  test("an output written before the record existed is adopted from cdktf's manifest", () => {
    write(target, { "manifest.json": JSON.stringify({ stacks: { main: {}, gone: {} } }), ...stack("main"), ...stack("gone") });
    synth(["main"]);
    expect(Object.keys(contents(target)).sort()).toEqual([RECORD_FILE, "manifest.json", "stacks/main/cdk.tf.json"]);
  });

  test("a folder with a manifest but another project's stack beside ours is refused", () => {
    write(target, { "manifest.json": JSON.stringify({ stacks: { main: {} } }), ...stack("main"), "stacks/networking/cdk.tf.json": "{}" });
    expect(() => synth(["main"])).toThrow(/stacks\/networking, which this tool did not write/);
  });
});
