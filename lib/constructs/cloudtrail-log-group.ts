import { Construct } from "constructs";
import { CloudwatchLogGroup, DataAwsCloudwatchLogGroup, DataAwsCloudwatchLogGroups } from "../aws";
import { LogGroup } from "../model/model";

/** The log group as the config resolves it: an existing one (looked up, or by name only) or one this stack creates. */
export type CloudTrailLogGroupProps = LogGroup;
import { logicalId } from "./logical-id";
import { literal } from "./terraform-literal";

/**
 * The log group the metric filters attach to: looked up (plan fails early when it is
 * missing), named as configured, or created here. `name` is what the filters use;
 * `created` is the group when this stack owns it (the trail wiring writes to it).
 *
 * A group known by its prefix only (Control Tower's, whose name landing zone 4.0 suffixes)
 * is found in two steps: every group with the prefix, which must be exactly one (a
 * postcondition says which were found otherwise), then that group by its name. The filters
 * refer to the second lookup, as they do to a group looked up by its name.
 */
export class CloudTrailLogGroup extends Construct {
  readonly name: string;
  readonly created?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, logGroup: CloudTrailLogGroupProps) {
    super(scope, id);
    const address = logicalId("cloudtrail");
    if (logGroup.mode === "create") {
      this.created = new CloudwatchLogGroup(this, "group", {
        name: literal(logGroup.name),
        retentionInDays: logGroup.retentionDays,
        kmsKeyId: logGroup.kmsKeyArn,
      });
      this.created.overrideLogicalId(address);
      this.name = this.created.name;
    } else if (logGroup.lookup) {
      const name = logGroup.namePrefix === undefined ? literal(logGroup.name) : this.oneWithPrefix(address, logGroup.namePrefix);
      const existing = new DataAwsCloudwatchLogGroup(this, "group", { name });
      existing.overrideLogicalId(address);
      this.name = existing.name;
    } else {
      this.name = literal(logGroup.name);
    }
  }

  private oneWithPrefix(id: string, prefix: string): string {
    const candidates: DataAwsCloudwatchLogGroups = new DataAwsCloudwatchLogGroups(this, "candidates", {
      logGroupNamePrefix: literal(prefix),
      lifecycle: {
        postcondition: [
          {
            condition: "${length(self.log_group_names) == 1}",
            errorMessage: `Exactly one CloudWatch Logs group must start with ${literal(prefix)} (the organization trail's: Control Tower's before landing zone 4.0, or with 4.0's suffix); found $\{length(self.log_group_names)}: $\{join(", ", self.log_group_names)}. Set organization_trail.log_group to the one the trail writes to.`,
          },
        ],
      },
    });
    candidates.overrideLogicalId(id);
    return `\${one(data.aws_cloudwatch_log_groups.${id}.log_group_names)}`;
  }
}
