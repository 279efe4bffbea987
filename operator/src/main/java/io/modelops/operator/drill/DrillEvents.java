package io.modelops.operator.drill;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modelops.operator.condition.Conditions;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Emits core/v1 Events about DrillSchedules and DrillRuns. Best effort: failures are logged. */
final class DrillEvents {

  static final String NORMAL = "Normal";
  static final String WARNING = "Warning";
  static final String COMPONENT = "modelops-operator";

  private static final Logger LOG = LoggerFactory.getLogger(DrillEvents.class);

  private final KubernetesClient client;
  private final Clock clock;

  DrillEvents(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(HasMetadata about, String type, String reason, String message) {
    String now = Conditions.format(clock.instant());
    String namespace = about.getMetadata().getNamespace();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                about.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis())
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(about.getApiVersion())
                    .withKind(about.getKind())
                    .withName(about.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(about.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message.length() > 1024 ? message.substring(0, 1024) : message)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "could not record event {} for {}: {}",
          reason,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }
}
