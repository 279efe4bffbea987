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
 * A model served over the Open Inference Protocol by inference-runtime pods, released as a rolling
 * update or a canary and checked against its SLOs.
 */
@Group(ModelDeployment.GROUP)
@Version(ModelDeployment.VERSION)
@Plural("modeldeployments")
@Singular("modeldeployment")
@ShortNames({"md", "mdep"})
@Categories("modelops")
@AdditionalPrinterColumn(
    name = "Model",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.model")
@AdditionalPrinterColumn(
    name = "Stable",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.stable.version")
@AdditionalPrinterColumn(
    name = "Canary",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.canary.version")
@AdditionalPrinterColumn(
    name = "Weight",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.canary.weight")
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.ready")
@AdditionalPrinterColumn(
    name = "Phase",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.phase")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(
    name = "Last-Drill",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.lastDrill.name",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Verdict",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.lastDrill.verdict",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Analysis",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.lastAnalysis.result",
    priority = 1)
@AdditionalPrinterColumn(
    name = "Step",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.release.progress",
    priority = 1)
@ValidationRule(
    value =
        "!has(self.spec) || !has(self.spec.model) || has(self.spec.model.name) || size(self.metadata.name) <= 63",
    message =
        "spec.model.name is required when metadata.name is longer than 63 characters (the served model name defaults to metadata.name)",
    fieldPath = ".spec.model.name",
    reason = "FieldValueRequired")
public class ModelDeployment extends CustomResource<ModelDeploymentSpec, ModelDeploymentStatus>
    implements Namespaced {

  /** API group of all ModelOps resources. */
  public static final String GROUP = "modelops.io";

  /** API version of this type. */
  public static final String VERSION = "v1alpha1";

  /** Kind name. */
  public static final String KIND = "ModelDeployment";

  /** The spec is required: a ModelDeployment without one has no model to serve. */
  @Override
  @Required
  public ModelDeploymentSpec getSpec() {
    return super.getSpec();
  }
}
