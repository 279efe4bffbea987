package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.drills.schedule.KillSwitch;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the kill switch: the operator setting {@code modelops.drills.enabled=false}, or the
 * annotation {@value KillSwitch#ANNOTATION}{@code ="true"} on the drill's namespace. When the
 * namespace cannot be read (no {@code get} on namespaces, as with a namespaced Role), only the
 * setting counts, and a warning is logged.
 */
final class KillSwitches {

  private static final Logger LOG = LoggerFactory.getLogger(KillSwitches.class);

  private KillSwitches() {}

  static KillSwitch of(DrillSettings settings, KubernetesClient client, String namespace) {
    if (!settings.enabled()) {
      return KillSwitch.engagedBy("operator setting modelops.drills.enabled=false");
    }
    try {
      Namespace ns = client.namespaces().withName(namespace).get();
      Map<String, String> annotations = ns == null ? null : ns.getMetadata().getAnnotations();
      if (annotations != null && "true".equals(annotations.get(KillSwitch.ANNOTATION))) {
        return KillSwitch.engagedBy("namespace annotation " + KillSwitch.ANNOTATION);
      }
    } catch (KubernetesClientException e) {
      LOG.warn("cannot read namespace {} for the drill kill switch: {}", namespace, e.getMessage());
    }
    return KillSwitch.OFF;
  }
}
