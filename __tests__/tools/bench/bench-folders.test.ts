import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BenchFolders } from "../../../tools/bench/bench-folders";

describe("the bench's temporary folders", () => {
  let parent: string;
  beforeEach(() => (parent = mkdtempSync(join(tmpdir(), "cis-bench-folders-test-"))));
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it("stay until removeAll, then go with what the runs wrote into them, and nothing beside them", () => {
    const folders = new BenchFolders();
    const output = folders.make(parent);
    const config = folders.make(parent, "cis-bench-config-");
    writeFileSync(join(output, "manifest.json"), "{}");
    writeFileSync(join(parent, "not-the-bench's"), "kept");
    expect([output, config].every((folder) => existsSync(folder))).toBe(true);
    expect(config.startsWith(join(parent, "cis-bench-config-"))).toBe(true);

    folders.removeAll();

    expect(existsSync(output) || existsSync(config)).toBe(false);
    expect(existsSync(join(parent, "not-the-bench's"))).toBe(true);
    folders.removeAll(); // a second call has nothing left to remove
  });
});
