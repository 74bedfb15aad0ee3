import { benchCommand, benchCounts } from "../../../tools/bench/bench";
import { Random } from "../../support/fuzz";

/** The benchmark's options are checked before anything is measured: a typo fails at once, not minutes in. */
const DEFAULTS = { runs: "5", scale: "1,10,100,500,1000", "scale-runs": "3", "plan-runs": "3", "example-runs": "1", "deploy-parallelism": "-1,4" };

async function run(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = "";
  const status = await benchCommand(args, { write: () => undefined, error: (text) => (stderr += text) });
  return { status, stderr };
}

describe("npm run bench: its options", () => {
  test.each([
    [["--runs", "abc"], '--runs takes whole numbers from 1 to 100, separated by commas; got "abc"'],
    [["--runs", "0"], "--runs takes whole numbers from 1 to 100"],
    [["--runs", "2,3"], '--runs takes one number; got "2,3"'],
    [["--scale", "10,,1000"], '--scale takes whole numbers from 1 to 10000, separated by commas; got "10,,1000"'],
    [["--scale-runs", "1e3"], "--scale-runs takes whole numbers from 1 to 100"],
    [["--deploy", "1,-3"], "--deploy takes whole numbers from 1 to 1000"],
    [["--deploy", "1", "--deploy-parallelism", "0"], "--deploy-parallelism takes whole numbers from 1 to 1000 (or -1)"],
    [["extra"], 'bench takes options only; got "extra"'],
  ])("%j is a usage error before anything runs: %s", async (args, message) => {
    const { status, stderr } = await run(args);
    expect(status).toBe(2);
    expect(stderr).toContain(`error: ${message}`);
    expect(stderr).toContain("usage: npm run bench");
  });

  test("the defaults and -1 (cdktf's unbounded default) are accepted", () => {
    expect(benchCounts({ ...DEFAULTS, deploy: "1,3,10" }, [])).toEqual({
      runs: 5,
      scale: [1, 10, 100, 500, 1000],
      scaleRuns: 3,
      planRuns: 3,
      exampleRuns: 1,
      deploy: [1, 3, 10],
      deployParallelism: [-1, 4],
    });
  });

  test("random option text is either refused or gives counts within their ranges (seeded)", () => {
    const random = new Random(20261201);
    const alphabet = ["1", "0", "-", ",", " ", "9", "e", "x", ".", "100", "1000000", "\u0000", "٣"];
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: random.int(6) + 1 }, () => random.pick(alphabet)).join("");
      const option = random.pick(["runs", "scale", "scale-runs", "plan-runs", "example-runs", "deploy", "deploy-parallelism"]);
      const counts = benchCounts({ ...DEFAULTS, deploy: "1", [option]: text }, []);
      if (typeof counts === "string") {
        expect(counts).toContain(`--${option} takes`);
        continue;
      }
      for (const value of [counts.runs, counts.scaleRuns, counts.planRuns, counts.exampleRuns, ...counts.scale, ...counts.deploy!])
        expect(Number.isInteger(value) && value >= 1).toBe(true);
      for (const value of counts.deployParallelism) expect(value === -1 || value >= 1).toBe(true);
    }
  });
});
