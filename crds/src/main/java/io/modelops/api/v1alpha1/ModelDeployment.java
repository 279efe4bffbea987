package io.modelops.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
    jsonPath = ".spec.model.name")
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
public class ModelDeployment extends CustomResource<ModelDeploymentSpec, ModelDeploymentStatus>
    implements Namespaced {

  /** API group of all ModelOps resources. */
  public static final String GROUP = "modelops.io";

  /** API version of this type. */
  public static final String VERSION = "v1alpha1";

  /** Kind name. */
  public static final String KIND = "ModelDeployment";
}
