/**
 * How much CPU a piece of work took in this process, in milliseconds: user plus system time,
 * which another busy process on the machine does not inflate the way it inflates wall time.
 * Tests bound hostile input by it (a regex that backtracks burns seconds of CPU; one that
 * does not, milliseconds), never by the clock.
 */
export function cpuMs<T>(body: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = body();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Runs `body` and fails if it used more than `limitMs` of CPU. */
export function withinCpu<T>(limitMs: number, body: () => T, label = "the work"): T {
  const { result, ms } = cpuMs(body);
  if (ms > limitMs) throw new Error(`${label} used ${ms.toFixed(0)} ms of CPU (limit ${limitMs} ms)`);
  return result;
}
