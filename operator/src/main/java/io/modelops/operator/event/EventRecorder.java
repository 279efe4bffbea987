package io.modelops.operator.event;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits core/v1 Events about the operator's resources (ModelDeployments, DrillSchedules,
 * DrillRuns). Best effort: a failed Event is only logged.
 */
public final class EventRecorder {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  public static final String COMPONENT = "modelops-operator";

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Records an Event of {@code type} about {@code md} (any namespaced resource). */
  public void record(HasMetadata md, String type, String reason, String message) {
    String now = io.modelops.operator.condition.Conditions.format(clock.instant());
    String namespace = md.getMetadata().getNamespace();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                md.getMetadata().getName()
                    + "."
                    + Long.toHexString(clock.millis())
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(md.getApiVersion())
                    .withKind(md.getKind())
                    .withName(md.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(md.getMetadata().getUid())
                    .withResourceVersion(md.getMetadata().getResourceVersion())
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
          "could not record event {} for {}/{}: {}",
          reason,
          namespace,
          md.getMetadata().getName(),
          e.getMessage());
    }
  }
}
