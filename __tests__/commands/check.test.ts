import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkCommand } from "../../lib/commands/check";
import { stackNamesOf, stacksOf } from "../../lib/model/stack-names";
import { MINIMAL, tempFiles } from "../support/temp-config";

function check(args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = "";
  let stderr = "";
  const status = checkCommand(args, { write: (text) => (stdout += text), error: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

/** A user's own config and pack, with the pack's evidence folder beside it. */
function userProject(pattern = '{ $.eventName = "ConsoleLogin" }'): string {
  const dir = tempFiles({
    "acme.yaml": `rule_packs: [packs/acme.yaml]\n${MINIMAL.replace("  log_group:", "  rules: { enable: [acme-console-login, root-account-usage] }\n  regions: [us-east-1]\n  log_group:")}`,
  });
  const packs = join(dir, "packs");
  const evidence = join(packs, "evidence");
  require("node:fs").mkdirSync(evidence, { recursive: true });
  writeFileSync(
    join(packs, "acme.yaml"),
    `pack: acme\nrules:\n  - id: acme-console-login\n    title: Console sign-in\n    severity: low\n    description: d\n    metric_name: AcmeConsoleLogin\n    pattern: '${pattern}'\n    examples:\n      match: [login]\n      no_match: [other]\n`,
  );
  writeFileSync(join(evidence, "login.json"), JSON.stringify({ eventName: "ConsoleLogin" }));
  writeFileSync(join(evidence, "other.json"), JSON.stringify({ eventName: "CreateUser" }));
  return dir;
}

/** The snapshot of acme.yaml's one account: its account stack and its regional stacks. */
const SNAPSHOT_FILES = stacksOf(stackNamesOf("main", "aws"))
  .map((stack) => `${stack}.tf.json`)
  .sort();

describe("npm run check (a user's config in the pull-request flow)", () => {
  test("runs the user's evidence, then snapshots the synthesized stacks beside the config", () => {
    const dir = userProject();
    const config = join(dir, "acme.yaml");
    const first = check(["--config", config]);
    expect(first.status).toBe(1);
    expect(first.stdout).toContain("evidence: ");
    expect(first.stderr).toContain("acme.snapshot/main.tf.json: the config now synthesizes something else (new stack: ");

    const update = check(["--config", config, "--update"]);
    expect(update.stdout).toContain("snapshot: wrote 7 stacks to");
    expect(readdirSync(join(dir, "acme.snapshot")).sort()).toEqual(SNAPSHOT_FILES);
    expect(JSON.parse(readFileSync(join(dir, "acme.snapshot", "main.tf.json"), "utf8")).resource.aws_cloudwatch_metric_alarm).toHaveProperty(
      "acme_console_login",
    );

    const again = check(["--config", config]);
    expect(again).toMatchObject({ status: 0, stderr: "" });
    expect(again.stdout).toContain("snapshot: 7 stacks up to date");
  });

  test("a change is summarized against the snapshot; a failing example is located in the user's pack", () => {
    const dir = userProject();
    const config = join(dir, "acme.yaml");
    check(["--config", config, "--update"]);
    writeFileSync(config, readFileSync(config, "utf8").replace("acme-console-login, root-account-usage", "acme-console-login"));
    const changed = check(["--config", config]);
    expect(changed.status).toBe(1);
    expect(changed.stderr).toContain("acme.snapshot/main.tf.json: the config now synthesizes something else (2 to destroy)");

    writeFileSync(join(dir, "packs", "acme.yaml"), readFileSync(join(dir, "packs", "acme.yaml"), "utf8").replace('"ConsoleLogin" }', '"CreateUser" }'));
    const failing = check(["--config", config]);
    expect(failing.stderr).toContain("packs/acme.yaml:10:15: rules[0].examples.match[0]: the pattern of acme-console-login does not match login, but must");
    expect(failing.stderr).toContain("rules[0].examples.no_match[0]: the pattern of acme-console-login matches other, a near miss it must not match");
  });

  test("an example naming a record that does not exist is a located config error", () => {
    const dir = userProject();
    const pack = join(dir, "packs", "acme.yaml");
    writeFileSync(pack, readFileSync(pack, "utf8").replace("match: [login]", "match: [login, logn]"));
    const result = check(["--config", join(dir, "acme.yaml")]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /packs\/acme\.yaml:10:22: rules\[0\]\.examples\.match\[1\]: no evidence file logn\.json in evidence \(the pack's evidence folders\)/,
    );
    expect(existsSync(join(dir, "acme.snapshot"))).toBe(false);
  });
});

describe("npm run check: the snapshot folder is the user's too", () => {
  const updated = () => {
    const dir = userProject();
    const config = join(dir, "acme.yaml");
    expect(check(["--config", config, "--update"]).status).toBe(0);
    return { dir, config, snapshot: join(dir, "acme.snapshot") };
  };

  test("the config can be given as the argument; two configs, or one both ways, are usage errors", () => {
    const { dir, config } = updated();
    expect(check([config])).toMatchObject({ status: 0, stderr: "" });
    expect(check([config, config]).status).toBe(2);
    expect(check(["--config", config, join(dir, "other.yaml")]).stderr).toContain("give the config either as --config or as the argument, not both");
  });

  test("--update keeps the snapshot's own files only: a file of the user's there stops it, untouched", () => {
    const { config, snapshot } = updated();
    writeFileSync(join(snapshot, "README.md"), "ours");
    writeFileSync(join(snapshot, "network.tf.json"), "{}");
    const result = check(["--config", config, "--update"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/acme\.snapshot holds .*README\.md, .*network\.tf\.json, which this tool did not write/);
    expect(readFileSync(join(snapshot, "README.md"), "utf8")).toBe("ours");
    expect(readdirSync(snapshot).sort()).toEqual(["README.md", ...SNAPSHOT_FILES, "network.tf.json"].sort());
  });

  test("--update replaces the snapshot in one step and leaves no record or temp folder behind", () => {
    const { dir, config, snapshot } = updated();
    writeFileSync(config, readFileSync(config, "utf8").replace("acme-console-login, root-account-usage", "acme-console-login"));
    expect(check(["--config", config, "--update"]).status).toBe(0);
    expect(readdirSync(snapshot).sort()).toEqual(SNAPSHOT_FILES);
    expect(readdirSync(dir).sort()).toEqual(["acme.snapshot", "acme.yaml", "packs"]);
  });

  test.each([
    ["corrupt JSON", (file: string) => writeFileSync(file, '{\n  "terraform": {'), /main\.tf\.json:2:17: not valid JSON/],
    ["not a stack", (file: string) => writeFileSync(file, "null"), /main\.tf\.json:1:1: not a synthesized stack/],
    [
      "a folder",
      (file: string) => {
        require("node:fs").rmSync(file);
        require("node:fs").mkdirSync(file);
      },
      /main\.tf\.json:1:1: is a folder, not a file/,
    ],
    [
      "a symlink loop",
      (file: string) => {
        require("node:fs").rmSync(file);
        require("node:fs").symlinkSync(file, file);
      },
      /main\.tf\.json:1:1: cannot read it \(ELOOP\)/,
    ],
    [
      "a FIFO",
      (file: string) => {
        require("node:fs").rmSync(file);
        require("node:child_process").spawnSync("mkfifo", [file]);
      },
      /main\.tf\.json:1:1: is not a regular file/,
    ],
  ])("a snapshot file that is %s is a located error, not a stack trace or a hang", (_, spoil, message) => {
    const { config, snapshot } = updated();
    spoil(join(snapshot, "main.tf.json"));
    const result = check(["--config", config]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
