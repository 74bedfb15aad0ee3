import { Construct } from "constructs";
import { CloudwatchLogGroup, DataAwsCloudwatchLogGroup } from "../aws";
import { LogGroup } from "../config/model";
import { logicalId } from "./logical-id";
import { literal } from "./terraform-literal";

/**
 * The log group the metric filters attach to: looked up (plan fails early when it is
 * missing), named as configured, or created here. `name` is what the filters use;
 * `created` is the group when this stack owns it (the trail wiring writes to it).
 */
export class CloudTrailLogGroup extends Construct {
  readonly name: string;
  readonly created?: CloudwatchLogGroup;

  constructor(scope: Construct, logGroup: LogGroup) {
    super(scope, "log-group");
    const id = logicalId("cloudtrail");
    if (logGroup.mode === "create") {
      this.created = new CloudwatchLogGroup(this, "group", {
        name: literal(logGroup.name),
        retentionInDays: logGroup.retentionDays,
        kmsKeyId: logGroup.kmsKeyArn,
      });
      this.created.overrideLogicalId(id);
      this.name = this.created.name;
    } else if (logGroup.lookup) {
      const existing = new DataAwsCloudwatchLogGroup(this, "group", { name: logGroup.name });
      existing.overrideLogicalId(id);
      this.name = existing.name;
    } else {
      this.name = logGroup.name;
    }
  }
}
