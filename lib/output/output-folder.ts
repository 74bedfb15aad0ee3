import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { FolderLock } from "./folder-lock";
import { OutputRefusal } from "./output-refusal";

/**
 * A folder this tool writes as a whole (cdktf.out, a check snapshot), replaced in one step:
 * the new content is written into a private folder beside the target and renamed over it,
 * so a synth that is killed, fails or runs out of disk leaves the previous output whole.
 * Only what this tool wrote is ever deleted: every write leaves a record of its files
 * (RECORD_FILE), and anything else found in the folder is kept in the new one, deleted
 * when the layout says it is a cache that anything can rebuild, or — when keeping it is
 * not possible — the write is refused before anything changes. One writer at a time.
 */
export const RECORD_FILE = ".cis-baseline.json";
const PARTIAL_RECORD_FILE = `${RECORD_FILE}.partial`;

interface Record {
  readonly writtenBy: string;
  /** Files this tool wrote, relative to the folder, "/"-separated. */
  readonly files: readonly string[];
  /** Folders this tool made, also when empty (a stack folder kept for the cdktf CLI to remove). */
  readonly folders: readonly string[];
}

const WRITTEN_BY = "cdktf-aws-cis-baseline";

/** What becomes of an entry of the previous folder that this tool did not write. */
export type ForeignEntry = "keep" | "delete" | "refuse";

export interface FolderLayout {
  /** What folder this is, for messages ("the synth output", "the snapshot"). */
  readonly description: string;
  /**
   * The files and folders of a previous folder without a record that this tool wrote (an
   * earlier version's output), or undefined when nothing shows the folder is this tool's.
   */
  adopt(folder: string): { files: string[]; folders: string[] } | undefined;
  /** The fate of a file or folder (a whole subtree) this tool did not write, at `path` in the previous folder. */
  foreign(path: string): ForeignEntry;
  /**
   * False for a folder users commit whose files say themselves that this tool wrote them (a
   * snapshot): the record is used while writing, and left out of the finished folder.
   * @default true
   */
  readonly keepsRecord?: boolean;
}

interface Inventory {
  /** The previous folder's record, or what was adopted as one; undefined when there is no previous folder. */
  readonly record?: Record;
  readonly hasRecord: boolean;
  readonly keep: string[];
  readonly refuse: string[];
}

/**
 * A replacement in progress: write into `staging`, then `commit()` (or `abandon()`).
 * Opening it takes the lock, restores a folder a killed swap left aside, and checks that
 * the previous folder's foreign entries can be kept; refusals are thrown from here,
 * before anything is written.
 */
export class FolderReplacement {
  readonly staging: string;
  private readonly lock: FolderLock;
  private readonly previous: Inventory;
  private done = false;

  private constructor(
    readonly target: string,
    private readonly layout: FolderLayout,
  ) {
    const parent = dirname(target);
    // The folder itself may be new; a folder above it that is missing is more likely a typo than a wish.
    if (!existsSync(parent)) throw new OutputRefusal(`cannot write ${target}: the folder ${parent} does not exist`);
    this.lock = FolderLock.acquire(join(parent, `.${basename(target)}.lock`), target);
    try {
      recoverInterrupted(target);
      this.previous = inventory(target, layout);
      if (this.previous.refuse.length) {
        const shown = this.previous.refuse.slice(0, 5).map((path) => join(target, path));
        const more = this.previous.refuse.length > shown.length ? ` and ${this.previous.refuse.length - shown.length} more` : "";
        throw new OutputRefusal(
          `${target} holds ${shown.join(", ")}${more}, which this tool did not write; writing ${layout.description} replaces the folder, so move ${this.previous.refuse.length === 1 ? "it" : "them"} elsewhere (or write to a folder of its own)`,
        );
      }
      this.staging = join(parent, `.${basename(target)}.next-${process.pid}`);
      removeOwnFolder(this.staging);
      mkdirSync(this.staging);
      writeRecord(this.staging, { writtenBy: WRITTEN_BY, files: [], folders: [] });
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  /** The folders the previous folder's record lists (relative), e.g. the stack folders of the last synth. */
  get previousFolders(): readonly string[] {
    return this.previous.record?.folders ?? [];
  }

  /** Starts replacing `folder` (a symlink is followed: the folder it points to is replaced). */
  static open(folder: string, layout: FolderLayout): FolderReplacement {
    let target = resolve(folder);
    try {
      if (lstatSync(target).isSymbolicLink()) target = realpathSync(target);
    } catch {
      // does not exist yet
    }
    if (existsSync(target) && !lstatSync(target).isDirectory()) throw new OutputRefusal(`${target} is not a folder`);
    return new FolderReplacement(target, layout);
  }

  /**
   * Records what was written, keeps the previous folder's foreign entries (hard links:
   * instant, and the old folder stays whole until the swap), swaps the folders and
   * removes the previous one.
   */
  commit(extraFolders: readonly string[] = []): void {
    this.finish(() => {
      const written = listFiles(this.staging).filter((path) => path !== RECORD_FILE && path !== PARTIAL_RECORD_FILE);
      for (const path of this.previous.keep) {
        if (existsSync(join(this.staging, path))) {
          throw new OutputRefusal(
            `${join(this.target, path)} was not written by this tool, and ${this.layout.description} now writes a file there; move it elsewhere`,
          );
        }
      }
      for (const folder of extraFolders) mkdirSync(join(this.staging, folder), { recursive: true });
      for (const path of this.previous.keep) linkTree(join(this.target, path), join(this.staging, path));
      writeRecord(this.staging, { writtenBy: WRITTEN_BY, files: written.sort(), folders: [...foldersOf(written), ...extraFolders].sort() });
      const finished = () => {
        if (this.layout.keepsRecord === false) rmSync(join(this.target, RECORD_FILE), { force: true });
      };
      if (!existsSync(this.target)) {
        renameSync(this.staging, this.target);
        finished();
        return;
      }
      const aside = join(dirname(this.target), `.${basename(this.target)}.previous-${process.pid}`);
      removeOwnFolder(aside);
      // Marks the old folder as this tool's, so that a swap killed halfway can be undone or cleaned up.
      if (!this.previous.hasRecord && this.previous.record) writeRecord(this.target, this.previous.record);
      renameSync(this.target, aside);
      renameSync(this.staging, this.target);
      removeOwnFolder(aside);
      finished();
    });
  }

  /** Drops what was written; the previous folder stays as it was. */
  abandon(): void {
    this.finish(() => undefined);
  }

  private finish(body: () => void): void {
    if (this.done) return;
    this.done = true;
    try {
      body();
    } finally {
      removeOwnFolder(this.staging);
      this.lock.release();
    }
  }
}

/**
 * A swap killed between its two renames leaves no target and the old folder aside:
 * put it back. Other leftovers of killed writes (a half-written next folder, an old
 * folder whose replacement is in place) are removed — only when they carry this tool's record,
 * or nothing but a record being written (a write killed before its record was in place, or
 * a removal killed after its last file).
 */
function recoverInterrupted(target: string): void {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  const leftovers = readdirSync(parent).filter((name) => name.startsWith(prefix) && /\.(next|previous)-\d+$/.test(name));
  const ours = leftovers.filter((name) => existsSync(join(parent, name, RECORD_FILE)) || isRecordlessLeftover(join(parent, name)));
  const aside = ours.find((name) => /\.previous-\d+$/.test(name));
  const restored = !existsSync(target) && aside !== undefined ? aside : undefined;
  if (restored) renameSync(join(parent, restored), target);
  for (const name of ours) if (name !== restored) removeOwnFolder(join(parent, name));
}

/**
 * Removes a folder of this tool's with its record last, so that a removal killed halfway
 * leaves a folder that still says it is this tool's (or an empty one) for the next run to finish.
 * A folder without the record is only removed when empty.
 */
function removeOwnFolder(folder: string): void {
  if (!existsSync(folder)) return;
  const record = join(folder, RECORD_FILE);
  if (!existsSync(record)) {
    if (!isRecordlessLeftover(folder)) return;
    rmSync(join(folder, PARTIAL_RECORD_FILE), { force: true });
    rmdirSync(folder);
    return;
  }
  for (const name of readdirSync(folder)) if (name !== RECORD_FILE) rmSync(join(folder, name), { recursive: true, force: true });
  rmSync(record);
  rmdirSync(folder);
}

/**
 * A folder killed before its record was in place: empty (made, nothing written yet, or
 * removed down to nothing) or holding only the record being written.
 */
function isRecordlessLeftover(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() && readdirSync(path).every((name) => name === PARTIAL_RECORD_FILE);
  } catch {
    return false;
  }
}

function inventory(target: string, layout: FolderLayout): Inventory {
  if (!existsSync(target)) return { hasRecord: false, keep: [], refuse: [] };
  const own = readRecord(target);
  const record = own ?? adopted(target, layout);
  if (!record) return { hasRecord: false, keep: [], refuse: readdirSync(target).sort() };
  const result: Inventory = { record, hasRecord: own !== undefined, keep: [], refuse: [] };
  const files = new Set(record.files);
  const folders = new Set([...record.folders, ...record.files.flatMap(ancestors)]);
  const visit = (path: string) => {
    for (const name of readdirSync(join(target, path)).sort()) {
      const child = path ? `${path}/${name}` : name;
      if (child === RECORD_FILE || child === PARTIAL_RECORD_FILE || files.has(child)) continue;
      if (folders.has(child) && lstatSync(join(target, child)).isDirectory()) {
        visit(child);
        continue;
      }
      const fate = layout.foreign(child);
      if (fate === "keep") result.keep.push(child);
      else if (fate === "refuse") result.refuse.push(child);
    }
  };
  visit("");
  return result;
}

function adopted(target: string, layout: FolderLayout): Record | undefined {
  if (readdirSync(target).length === 0) return { writtenBy: WRITTEN_BY, files: [], folders: [] };
  const found = layout.adopt(target);
  return found ? { writtenBy: WRITTEN_BY, ...found } : undefined;
}

function readRecord(folder: string): Record | undefined {
  try {
    const value = JSON.parse(readFileSync(join(folder, RECORD_FILE), "utf8")) as Partial<Record>;
    if (value.writtenBy !== WRITTEN_BY || !Array.isArray(value.files) || !Array.isArray(value.folders)) return undefined;
    return { writtenBy: WRITTEN_BY, files: value.files.filter(isString), folders: value.folders.filter(isString) };
  } catch {
    return undefined;
  }
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

/** Written beside and renamed over, so that a kill never leaves a torn record (a folder that no longer says it is ours). */
function writeRecord(folder: string, record: Record): void {
  const partial = join(folder, PARTIAL_RECORD_FILE);
  writeFileSync(partial, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(partial, join(folder, RECORD_FILE));
}

/** Every file (and symlink) below `folder`, relative, "/"-separated. */
function listFiles(folder: string, path = ""): string[] {
  const out: string[] = [];
  for (const item of readdirSync(join(folder, path), { withFileTypes: true })) {
    const child = path ? `${path}/${item.name}` : item.name;
    if (item.isDirectory()) out.push(...listFiles(folder, child));
    else out.push(child);
  }
  return out;
}

function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join("/"));
}

function foldersOf(files: readonly string[]): string[] {
  return [...new Set(files.flatMap(ancestors))];
}

/** A copy made of hard links (symlinks recreated as they are): costs no disk and no time. */
function linkTree(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const stats = lstatSync(from);
  if (stats.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stats.isDirectory()) {
    mkdirSync(to);
    for (const name of readdirSync(from)) linkTree(join(from, name), join(to, name));
  } else linkSync(from, to);
}
