import { readFileSync, readdirSync } from "node:fs";

/**
 * The peak, over a run, of the PSS summed over a process tree (terraform and the provider
 * processes it starts; cdktf's too for a deploy). PSS, not RSS: the 700 MB provider binary's
 * pages are shared between those processes, and RSS would count them once per process.
 *
 * Read one process after another, a sum is not of one instant: while providers start they
 * map the same binary pages, so a process read early is counted at a larger share of those
 * pages than it holds once the processes read after it have mapped them too. Such sums
 * were seen 40% above any real moment (1,318 MB for a plan whose every stopped sample was
 * under 950). So a sum that would set a new peak is taken again with every process of the
 * tree stopped (SIGSTOP, then SIGCONT): only a figure of one instant becomes the peak.
 */
export class PeakPss {
  private kilobytes = 0;
  private mostProcesses = 0;

  constructor(private readonly root: number) {}

  /** Takes one sample (call it every few milliseconds while the tree runs); returns the processes it saw. */
  sample(): number[] {
    const tree = processTree(this.root);
    this.mostProcesses = Math.max(this.mostProcesses, tree.length);
    if (summedPss(tree) > this.kilobytes) this.kilobytes = Math.max(this.kilobytes, stoppedSum(this.root));
    return tree;
  }

  get megabytes(): number {
    return this.kilobytes / 1024;
  }

  /** The most processes alive at once. */
  get processes(): number {
    return this.mostProcesses;
  }
}

/** The summed PSS of the tree with all of it stopped; a process forked meanwhile is stopped on the next pass. */
function stoppedSum(root: number): number {
  const stopped: number[] = [];
  try {
    for (let pass = 0; pass < 4; pass++) {
      const fresh = processTree(root).filter((pid) => !stopped.includes(pid));
      if (fresh.length === 0) break;
      for (const pid of fresh) if (signal(pid, "SIGSTOP")) stopped.push(pid);
    }
    return summedPss(stopped);
  } finally {
    for (const pid of stopped) signal(pid, "SIGCONT");
  }
}

function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false; // it ended meanwhile
  }
}

function summedPss(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + pssKilobytes(pid), 0);
}

/** A process and all its descendants, from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

function pssKilobytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
