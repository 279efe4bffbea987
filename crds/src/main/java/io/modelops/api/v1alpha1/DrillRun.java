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
 * One execution of a disaster-recovery drill: inject a fault into a ModelDeployment, watch steady
 * state, measure recovery, record a verdict. Created by a DrillSchedule (owned by it) or by hand to
 * run a drill now. Its spec cannot change once created.
 */
@Group(ModelDeployment.GROUP)
@Version(ModelDeployment.VERSION)
@Plural("drillruns")
@Singular("drillrun")
@ShortNames("drillrun")
@Categories("modelops")
@AdditionalPrinterColumn(
    name = "Target",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.target.modelDeployment")
@AdditionalPrinterColumn(
    name = "Fault",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".spec.fault.type")
@AdditionalPrinterColumn(
    name = "Phase",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Verdict",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.verdict")
@AdditionalPrinterColumn(
    name = "RTO",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.rto")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.reason",
    priority = 1)
public class DrillRun extends CustomResource<DrillRunSpec, DrillRunStatus> implements Namespaced {

  /** Kind name. */
  public static final String KIND = "DrillRun";

  /** The spec is required and immutable: a drill in progress must not change under its feet. */
  @Override
  @Required
  @ValidationRule(
      value = "self == oldSelf",
      message = "a DrillRun's spec cannot change once created; create a new DrillRun")
  public DrillRunSpec getSpec() {
    return super.getSpec();
  }
}
