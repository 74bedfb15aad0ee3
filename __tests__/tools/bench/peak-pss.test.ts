import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { PeakPss, processTree } from "../../../tools/bench/peak-pss";

/** A shell with two node children, each holding `megabytes` of touched memory until killed. */
function holders(megabytes: number) {
  const hold = `const b = Buffer.alloc(${megabytes} * 1024 * 1024, 1); process.stdout.write("ready\\n"); setInterval(() => b[0]++, 1000);`;
  const script = `"${process.execPath}" -e '${hold}' & "${process.execPath}" -e '${hold}' & wait`;
  return spawn("sh", ["-c", script], { stdio: ["ignore", "pipe", "ignore"], detached: true });
}

function state(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
}

describe("PeakPss", () => {
  test("counts every process of the tree once, and leaves none of them stopped", async () => {
    const child = holders(64);
    let ready = 0;
    await new Promise<void>((resolve) => child.stdout!.on("data", (chunk: Buffer) => (ready += chunk.toString().split("ready").length - 1) >= 2 && resolve()));
    try {
      const peak = new PeakPss(child.pid!);
      for (let i = 0; i < 5; i++) peak.sample();
      const tree = processTree(child.pid!);
      expect(tree).toHaveLength(3);
      expect(peak.processes).toBe(3);
      // Two 64 MB buffers, each in one process only, plus two node runtimes and a shell.
      expect(peak.megabytes).toBeGreaterThan(2 * 64);
      expect(peak.megabytes).toBeLessThan(2 * 64 + 200);
      for (const pid of tree) expect(state(pid)).not.toBe("T");
    } finally {
      process.kill(-child.pid!, "SIGKILL");
    }
  });
});
