import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file below a folder, hidden ones included: relative "/"-separated path -> contents. */
export function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const item of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${item.name}` : item.name;
      if (item.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), "utf8");
    }
  };
  if (existsSync(dir)) walk("");
  return out;
}
