package io.modelops.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.modelops.api.v1alpha1.CanarySpec;
import io.modelops.api.v1alpha1.CanaryStep;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.ModelDeploymentSpec;
import io.modelops.api.v1alpha1.ModelSpec;
import io.modelops.api.v1alpha1.ReleaseSpec;
import io.modelops.api.v1alpha1.ReleaseStrategy;
import io.modelops.api.v1alpha1.RuntimeSpec;
import java.util.List;

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

  /**
   * Sets spec.release of {@code md} to the Canary strategy with {@code steps}; returns the canary
   * settings, for a test to add analysis or routing.
   */
  public static CanarySpec canary(ModelDeployment md, CanaryStep... steps) {
    CanarySpec canary = new CanarySpec();
    canary.setSteps(List.of(steps));
    ReleaseSpec release = new ReleaseSpec();
    release.setStrategy(ReleaseStrategy.Canary);
    release.setCanary(canary);
    md.getSpec().setRelease(release);
    return canary;
  }

  /** A canary step to {@code weight} percent, paused for {@code pause} (null: no pause). */
  public static CanaryStep step(int weight, String pause) {
    CanaryStep step = new CanaryStep();
    step.setWeight(weight);
    step.setPause(pause);
    return step;
  }
}
