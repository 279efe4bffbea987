package io.modelops.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ModelSpec;
import io.modelops.api.v1alpha1.RuntimeSpec;

/** ModelDeployment fixtures for tests. */
public final class ModelDeployments {

  private ModelDeployments() {}

  /** A CPU ModelDeployment serving a file:// model with {@code replicas} replicas. */
  public static ModelDeployment sample(String namespace, String name, int replicas) {
    ModelSpec model = new ModelSpec();
    model.setName("ctr-ranker");
    model.setVersion("2026-11-13");
    model.setUri("file:///models/ctr-ranker-2026-11-13.onnx");
    RuntimeSpec runtime = new RuntimeSpec();
    runtime.setReplicas(replicas);
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setRuntime(runtime);
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    md.setSpec(spec);
    return md;
  }
}
