package io.modelops.operator.drill;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modelops.api.v1alpha1.DrillSummary;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code status.lastDrill} of the target ModelDeployment: a JSON merge patch of that one
 * field on the status subresource, under its own field manager, so it neither takes over nor
 * replaces the fields the ModelDeployment reconciler applies (that reconciler carries lastDrill
 * over from what it read). Best effort: a failure is logged, the DrillRun keeps the full record.
 */
final class LastDrillWriter {

  static final String FIELD_MANAGER = "modelops-drills";

  private static final Logger LOG = LoggerFactory.getLogger(LastDrillWriter.class);

  private LastDrillWriter() {}

  static void write(KubernetesClient client, String namespace, String md, DrillSummary summary) {
    var serialization = client.getKubernetesSerialization();
    String patch = serialization.asJson(Map.of("status", Map.of("lastDrill", summary)));
    try {
      client
          .resources(ModelDeployment.class)
          .inNamespace(namespace)
          .withName(md)
          .subresource("status")
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.JSON_MERGE)
                  .withFieldManager(FIELD_MANAGER)
                  .build(),
              patch);
    } catch (KubernetesClientException e) {
      LOG.warn("could not write status.lastDrill of {}/{}: {}", namespace, md, e.getMessage());
    }
  }
}
