package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpecBuilder;
import io.modelops.operator.config.OperatorSettings;
import java.util.Map;

/**
 * Desired Deployment of one track ({@code <name>-stable} or {@code <name>-canary}) running a given
 * pod template with a given replica count. Pure: the release plan decides template and replicas,
 * this class only renders them.
 *
 * <p>The Deployment carries the {@link Annotations#SPEC_HASH} annotation (a hash of everything the
 * operator manages) so the reconciler can tell whether a write is needed without a field-by-field
 * diff. With {@code replicasHashed} false (an HPA owns the count) replicas stay out of the hash.
 */
public final class TrackDeploymentBuilder {

  private TrackDeploymentBuilder() {}

  /** The Deployment of {@code track}. */
  public static Deployment build(
      ResolvedSpec spec,
      OperatorSettings settings,
      String track,
      PodTemplateSpec template,
      int replicas,
      boolean replicasHashed) {
    var md = spec.md();
    Map<String, String> labels = Labels.track(md, track);
    String version = StableDeploymentBuilder.modelVersionOf(template);
    if (version != null) {
      labels.put(Labels.VERSION, ModelDeploymentNames.labelValue(version));
    }
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(
                Owners.metadata(md, ModelDeploymentNames.trackDeployment(md, track), labels))
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(Labels.trackSelector(md, track))
            .endSelector()
            .withTemplate(template)
            .withNewStrategy()
            .withType("RollingUpdate")
            // Never below the serving capacity; one extra pod at a time (GPUs are scarce).
            .withNewRollingUpdate()
            .withNewMaxSurge(1)
            .withNewMaxUnavailable(0)
            .endRollingUpdate()
            .endStrategy()
            .withProgressDeadlineSeconds((int) Math.max(1, spec.progressDeadline().toSeconds()))
            .withRevisionHistoryLimit(5)
            .endSpec()
            .build();
    var hashed = new DeploymentSpecBuilder(deployment.getSpec()).build();
    if (!replicasHashed) {
      hashed.setReplicas(null);
    }
    return Hashes.withSpecHash(deployment, hashed);
  }
}
