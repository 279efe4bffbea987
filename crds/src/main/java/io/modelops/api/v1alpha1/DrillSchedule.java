package io.modelops.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Runs a disaster-recovery drill against a ModelDeployment on a cron schedule, like a CronJob
 * creates Jobs: each due time creates a DrillRun, within blackout windows and the kill switch.
 */
@Group(ModelDeployment.GROUP)
@Version(ModelDeployment.VERSION)
@Plural("drillschedules")
@Singular("drillschedule")
@ShortNames("drills")
@Categories("modelops")
@AdditionalPrinterColumn(
    name = "Target",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.target.modelDeployment")
@AdditionalPrinterColumn(
    name = "Schedule",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.schedule")
@AdditionalPrinterColumn(
    name = "Last Run",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".status.lastRun.completionTime")
@AdditionalPrinterColumn(
    name = "Last Verdict",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.lastRun.verdict")
@AdditionalPrinterColumn(
    name = "Next Run",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.nextScheduleTime")
@AdditionalPrinterColumn(
    name = "Suspended",
    type = AdditionalPrinterColumn.Type.BOOLEAN,
    jsonPath = ".spec.suspend")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp",
    priority = 1)
@ValidationRule(
    value = "size(self.metadata.name) <= 52",
    message =
        "a DrillSchedule name must be at most 52 characters: its runs are named <name>-<minutes>",
    reason = "FieldValueInvalid")
public class DrillSchedule extends CustomResource<DrillScheduleSpec, DrillScheduleStatus>
    implements Namespaced {

  /** Kind name. */
  public static final String KIND = "DrillSchedule";

  /** The spec is required: a schedule without one has nothing to run. */
  @Override
  @Required
  public DrillScheduleSpec getSpec() {
    return super.getSpec();
  }
}
