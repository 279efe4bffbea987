package io.modelops.drills.schedule;

/** A cron expression, time zone or duration that cannot be scheduled; the message says why. */
public class InvalidScheduleException extends IllegalArgumentException {

  private final ScheduleReason reason;

  public InvalidScheduleException(ScheduleReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** {@link ScheduleReason#InvalidSchedule} or {@link ScheduleReason#UnknownTimeZone}. */
  public ScheduleReason reason() {
    return reason;
  }
}
