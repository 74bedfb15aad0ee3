import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { OutputRefusal } from "./output-refusal";

/**
 * One writer at a time per output folder: a lock file beside the folder (not inside it,
 * since the folder itself is swapped), created exclusively and holding the writer's pid.
 * A lock whose process is gone (a killed synth) is taken over; a live one is a refusal
 * naming the process, so two synths into one folder can never interleave their files.
 */
export class FolderLock {
  private constructor(private readonly file: string) {}

  static acquire(file: string, folder: string): FolderLock {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(file, "wx", 0o644);
        writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
        closeSync(fd);
        return new FolderLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = lockHolder(file);
      if (holder !== undefined && isAlive(holder)) {
        throw new OutputRefusal(`another synth (process ${holder}) is writing ${folder}; wait for it to finish (or, if no synth is running, remove ${file})`);
      }
      rmSync(file, { force: true }); // left by a synth that was killed
    }
    throw new OutputRefusal(`cannot lock ${folder}: ${file} keeps reappearing; is another synth starting?`);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function lockHolder(file: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown }).pid;
    return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // unreadable or half-written: its writer died before finishing it
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
