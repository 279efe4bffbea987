package io.modelops.drills.schedule;

import io.modelops.api.v1alpha1.BlackoutWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A schedule's blackout windows, resolved: absolute ones ({@code start}, {@code end}) and recurring
 * ones (each occurrence of {@code schedule} lasting {@code duration}, in the window's time zone or
 * the schedule's). A window covers {@code [start, end)}.
 */
public final class BlackoutCalendar {

  /** One occurrence of a window. */
  public record Occurrence(Instant start, Instant end, String reason) {}

  private interface Window {
    /** The occurrence covering {@code now}, if any. */
    Optional<Occurrence> covering(Instant now);

    /** The first occurrence starting strictly after {@code after}, if any. */
    Optional<Occurrence> nextStartAfter(Instant after);
  }

  private record Absolute(Occurrence occurrence) implements Window {
    public Optional<Occurrence> covering(Instant now) {
      return !now.isBefore(occurrence.start()) && now.isBefore(occurrence.end())
          ? Optional.of(occurrence)
          : Optional.empty();
    }

    public Optional<Occurrence> nextStartAfter(Instant after) {
      return occurrence.start().isAfter(after) ? Optional.of(occurrence) : Optional.empty();
    }
  }

  private record Recurring(CronSchedule schedule, Duration length, String reason)
      implements Window {
    public Optional<Occurrence> covering(Instant now) {
      // The latest start in (now - length, now] is the one whose occurrence covers now.
      Optional<Instant> start = schedule.next(now.minus(length));
      return start.filter(s -> !s.isAfter(now)).map(s -> new Occurrence(s, s.plus(length), reason));
    }

    public Optional<Occurrence> nextStartAfter(Instant after) {
      return schedule.next(after).map(s -> new Occurrence(s, s.plus(length), reason));
    }
  }

  private final List<Window> windows;

  private BlackoutCalendar(List<Window> windows) {
    this.windows = windows;
  }

  /** Resolves {@code windows}; recurring ones without a time zone use {@code defaultTimeZone}. */
  public static BlackoutCalendar of(List<BlackoutWindow> windows, String defaultTimeZone) {
    List<Window> resolved = new ArrayList<>();
    for (BlackoutWindow w : windows == null ? List.<BlackoutWindow>of() : windows) {
      if (w.getSchedule() != null) {
        String zone = w.getTimeZone() != null ? w.getTimeZone() : defaultTimeZone;
        resolved.add(
            new Recurring(
                CronSchedule.of(w.getSchedule(), zone),
                GoDuration.parse(w.getDuration()),
                w.getReason()));
      } else {
        resolved.add(
            new Absolute(
                new Occurrence(instant(w.getStart()), instant(w.getEnd()), w.getReason())));
      }
    }
    return new BlackoutCalendar(List.copyOf(resolved));
  }

  /** The window covering {@code now} (the one ending last, if several), if any. */
  public Optional<Occurrence> covering(Instant now) {
    return windows.stream()
        .flatMap(w -> w.covering(now).stream())
        .max(Comparator.comparing(Occurrence::end));
  }

  /**
   * The first window that covers {@code from} or starts before {@code until}: a drill running over
   * {@code [from, until)} must be aborted at its start (or now, when it already covers).
   */
  public Optional<Occurrence> firstTouching(Instant from, Instant until) {
    Optional<Occurrence> now = covering(from);
    if (now.isPresent()) {
      return now;
    }
    return windows.stream()
        .flatMap(w -> w.nextStartAfter(from).stream())
        .filter(o -> o.start().isBefore(until))
        .min(Comparator.comparing(Occurrence::start));
  }

  private static Instant instant(String rfc3339) {
    try {
      return OffsetDateTime.parse(rfc3339).toInstant();
    } catch (DateTimeParseException | NullPointerException e) {
      throw new InvalidScheduleException(
          ScheduleReason.InvalidSchedule, "not an RFC 3339 instant: " + rfc3339);
    }
  }
}
