import { literal, literalMap } from "../../lib/constructs/terraform-literal";
import { logicalId } from "../../lib/constructs/logical-id";

describe("literal", () => {
  test("escapes Terraform template sequences and nothing else", () => {
    expect(literal("costs ${team} and %{if x}")).toBe("costs $${team} and %%{if x}");
    expect(literal('{$.userIdentity.type="Root" && $.x NOT EXISTS}')).toBe('{$.userIdentity.type="Root" && $.x NOT EXISTS}');
    expect(literal("$$ 100% {}")).toBe("$$ 100% {}");
    expect(literal(undefined)).toBeUndefined();
    expect(literalMap({ "a${b}": "c%{d}" })).toEqual({ "a$${b}": "c%%{d}" });
  });
});

describe("logicalId", () => {
  test("Terraform identifiers derived from model names", () => {
    expect(logicalId("root-account-usage")).toBe("root_account_usage");
    expect(logicalId("us-east-1", "unused_access")).toBe("us_east_1_unused_access");
    expect(logicalId("1st")).toBe("r_1st");
    expect(logicalId("a..b--c")).toBe("a_b_c");
  });
});
