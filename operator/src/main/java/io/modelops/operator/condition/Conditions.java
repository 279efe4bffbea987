package io.modelops.operator.condition;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Standard {@code metav1.Condition} handling: flips move lastTransitionTime, nothing else does. */
public final class Conditions {

  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  /** A condition; {@code lastTransitionTime} is filled in by {@link #merge}. */
  public static Condition of(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? TRUE : FALSE)
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * The previous conditions updated with {@code next}: a condition whose status did not change
   * keeps its lastTransitionTime; conditions of other types are kept as they were.
   */
  public static List<Condition> merge(
      List<Condition> previous, List<Condition> next, long generation, Instant now) {
    List<Condition> result = new ArrayList<>();
    for (Condition condition : next) {
      Optional<Condition> before = find(previous, condition.getType());
      String transition =
          before
              .filter(b -> condition.getStatus().equals(b.getStatus()))
              .map(Condition::getLastTransitionTime)
              .filter(t -> t != null)
              .orElse(format(now));
      result.add(
          new ConditionBuilder(condition)
              .withLastTransitionTime(transition)
              .withObservedGeneration(generation)
              .build());
    }
    if (previous != null) {
      for (Condition old : previous) {
        if (find(next, old.getType()).isEmpty()) {
          result.add(old);
        }
      }
    }
    return result;
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** True when the condition of {@code type} is present with status True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
  }

  /** RFC 3339 at second precision, as the API server writes it. */
  public static String format(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }
}
