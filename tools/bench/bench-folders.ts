import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

/**
 * The bench's temporary folders (generated configs, the output folders of measured synths),
 * removed together when the synth rows are done rather than each output after its run. On an ext4 file system without a journal (this machine's),
 * the inode allocator passes over every inode freed in the last 60 s, or 360 s while its
 * inode table block is unwritten, reading each one's deletion time (find_inode_bit and
 * recently_deleted in the kernel's fs/ext4/ialloc.c; under `perf record` that was half the
 * kernel time of creating 7,000 folders and 7,000 files). So a run that followed the
 * removal of the previous run's 14,000 made its own at up to 0.8 ms each, and the second
 * and third runs measured the previous run's cleanup. Kept until the end, every run creates
 * its files as a fresh checkout on a runner does. What replacing an earlier output costs is
 * a row of its own (the synth removes the previous output itself).
 */
export class BenchFolders {
  private readonly folders: string[] = [];

  /** A new empty folder under `parent`, removed by removeAll(). */
  make(parent: string, prefix = "cis-bench-"): string {
    const folder = mkdtempSync(join(parent, prefix));
    this.folders.push(folder);
    return folder;
  }

  removeAll(): void {
    for (const folder of this.folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  }
}
