package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Events the kubelet records about a pod ({@code kubectl describe pod} shows them). */
final class PodEvents {

  private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);

  private PodEvents() {}

  /** Records a Warning Event with {@code reason} and {@code message} on {@code pod}. */
  static void warn(KubernetesClient client, Pod pod, String reason, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                pod.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
            .withNamespace(pod.getMetadata().getNamespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .withUid(pod.getMetadata().getUid())
            .endInvolvedObject()
            .withType("Warning")
            .withReason(reason)
            .withMessage(message)
            .withNewSource()
            .withComponent("kubelet")
            .withHost(pod.getSpec().getNodeName())
            .endSource()
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(pod.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.debug(
          "event {} on pod {} not recorded: {}",
          reason,
          pod.getMetadata().getName(),
          e.getMessage());
    }
  }
}
