package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.DrillTemplate;
import java.time.Duration;

/**
 * Defaults of a drill template the scheduler needs (the operator applies defaults, not the CRD).
 */
public final class TemplateDefaults {

  /** The RTO target when {@code recovery.rto} is unset. */
  public static final Duration RTO = Duration.ofSeconds(60);

  private TemplateDefaults() {}

  /** How long a drill is expected to take: its duration plus its RTO target. */
  public static Duration expectedLength(DrillTemplate template) {
    Duration duration = GoDuration.parse(template.getDuration());
    Duration rto =
        template.getRecovery() != null && template.getRecovery().getRto() != null
            ? GoDuration.parse(template.getRecovery().getRto())
            : RTO;
    return duration.plus(rto);
  }
}
