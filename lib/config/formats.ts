/**
 * Format checks for values AWS would otherwise reject at apply time (or accept and then
 * silently never deliver to). Each returns an error sentence, or undefined when fine.
 */

const PARTITIONS = "aws|aws-cn|aws-us-gov";

/** An e-mail address is at most 254 characters (RFC 5321); ARNs and URLs are cut off far above real ones. */
const MAX_EMAIL = 254;
const MAX_URL = 2048;
const MAX_ARN = 2048;

/** A value for a message: quoted, and shortened when long. */
export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
}

export function checkEmail(value: string): string | undefined {
  if (value.length > MAX_EMAIL) return `an e-mail address has at most ${MAX_EMAIL} characters; this one has ${value.length}`;
  // Deliberately simple: one @, a dotted domain, no spaces. SNS rejects anything odder.
  if (!/^[^\s@]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value)) return `${quote(value)} is not an e-mail address`;
  return undefined;
}

export function checkHttpsUrl(value: string): string | undefined {
  if (value.length > MAX_URL) return `a URL of ${value.length} characters is longer than the ${MAX_URL} this tool accepts`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${quote(value)} is not a URL`;
  }
  if (url.protocol !== "https:") return `${quote(value)} must use https:// (alarm contents should not travel in clear text)`;
  return undefined;
}

export function checkPhoneNumber(value: string): string | undefined {
  if (!/^\+[1-9][0-9]{6,14}$/.test(value)) return `${quote(value)} is not an E.164 phone number like +14155550100`;
  return undefined;
}

/** ARN of `service`, with `resource` matching the given pattern. */
export function checkArn(value: string, service: string, resource: RegExp, example: string): string | undefined {
  if (value.length > MAX_ARN) return `an ARN of ${value.length} characters is longer than the ${MAX_ARN} this tool accepts`;
  const match = new RegExp(`^arn:(${PARTITIONS}):${service}:([a-z0-9-]*):(\\d{12}|):(.+)$`).exec(value);
  if (!match || !resource.test(match[4])) return `${quote(value)} is not a ${service} ARN like ${example}`;
  return undefined;
}

export const ARN_RULES = {
  sqs: (v: string) => checkArn(v, "sqs", /^[A-Za-z0-9_-]{1,80}$/, "arn:aws:sqs:us-east-1:123456789012:alerts"),
  lambda: (v: string) => checkArn(v, "lambda", /^function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$/, "arn:aws:lambda:us-east-1:123456789012:function:notify"),
  firehose: (v: string) => checkArn(v, "firehose", /^deliverystream\/[A-Za-z0-9_.-]{1,64}$/, "arn:aws:firehose:us-east-1:123456789012:deliverystream/alerts"),
  iamRole: (v: string) => checkArn(v, "iam", /^role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/, "arn:aws:iam::123456789012:role/name"),
  kmsKey: (v: string) =>
    checkArn(
      v,
      "kms",
      /^(key\/[0-9a-f-]{36}|key\/mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]+)$/,
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ),
};

/** S3 bucket naming rules (general purpose buckets). */
export function checkBucketName(value: string): string | undefined {
  const problems: string[] = [];
  if (value.length < 3 || value.length > 63) problems.push("be 3-63 characters long");
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(value)) {
    problems.push("use only lowercase letters, digits, dots and hyphens, and begin and end with a letter or digit");
  }
  if (value.includes("..")) problems.push("not contain two adjacent dots");
  if (/^\d+\.\d+\.\d+\.\d+$/.test(value)) problems.push("not look like an IP address");
  if (value.startsWith("xn--") || value.startsWith("sthree-")) problems.push("not start with xn-- or sthree-");
  if (value.endsWith("-s3alias") || value.endsWith("--ol-s3")) problems.push("not end with -s3alias or --ol-s3");
  return problems.length ? `bucket name ${JSON.stringify(value)} must ${problems.join(", ")}` : undefined;
}

/** CloudWatch Logs log group names: 1-512 of [.-_/#A-Za-z0-9]. */
export function checkLogGroupName(value: string): string | undefined {
  if (value.length < 1 || value.length > 512 || !/^[.\-_/#A-Za-z0-9]+$/.test(value)) {
    return `log group name ${JSON.stringify(value)} must be 1-512 characters of letters, digits and . - _ / #`;
  }
  return undefined;
}

/** IAM role names: 1-64 of [\w+=,.@-]. */
export function checkRoleName(value: string): string | undefined {
  if (!/^[\w+=,.@-]{1,64}$/.test(value)) return `role name ${JSON.stringify(value)} must be 1-64 letters, digits and +=,.@_-`;
  return undefined;
}

/** CloudTrail trail names: 3-128, letters, digits, . _ -, starting and ending with a letter or digit. */
export function checkTrailName(value: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(value) || /[._-]{2}/.test(value)) {
    return `trail name ${JSON.stringify(value)} must be 3-128 letters, digits, . _ and -, start and end with a letter or digit, and not have two of . _ - in a row`;
  }
  return undefined;
}

/** IAM Access Analyzer names: start with a letter; letters, digits, . _ -; up to 255. */
export function checkAnalyzerName(value: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,254}$/.test(value)) {
    return `analyzer name ${JSON.stringify(value)} must start with a letter and hold only letters, digits, . _ and - (at most 255)`;
  }
  return undefined;
}

/** Characters AWS allows in tag keys and values: letters, digits, spaces and _ . : / = + - @ (any language). */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tag keys: 1-128 characters of TAG_CHARACTERS, not starting with aws: (reserved). */
export function checkTagKey(value: string): string | undefined {
  if (value.length < 1 || value.length > 128) return `tag key ${quote(value)} must be 1-128 characters`;
  if (!TAG_CHARACTERS.test(value)) return `tag key ${quote(value)} may hold only letters, digits, spaces and _ . : / = + - @`;
  if (value.toLowerCase().startsWith("aws:")) return `tag key ${quote(value)} uses the reserved prefix aws:`;
  return undefined;
}

/** Tag values: 0-256 characters of TAG_CHARACTERS. */
export function checkTagValue(value: string): string | undefined {
  if (value.length > 256) return `tag value is ${value.length} characters; at most 256`;
  if (!TAG_CHARACTERS.test(value)) return `tag value ${quote(value)} may hold only letters, digits, spaces and _ . : / = + - @`;
  return undefined;
}

/** Names AWS shows on one line (alarm, metric, filter, topic display names): no line breaks or tabs either. */
export function checkSingleLine(value: string, what: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${what} ${quote(value)} contains a line break, tab or other control character`;
  return undefined;
}
