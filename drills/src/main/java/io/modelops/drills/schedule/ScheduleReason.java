package io.modelops.drills.schedule;

/**
 * CamelCase reasons the scheduler gives (condition reasons, Event reasons, run verdict reasons).
 */
public enum ScheduleReason {
  /** The cron expression (of the schedule or of a recurring blackout window) does not parse. */
  InvalidSchedule,
  /** The time zone is not in the JVM's IANA database. */
  UnknownTimeZone,
  /** A due run falls inside a blackout window, or would still run when one starts. */
  Blackout,
  /** The kill switch (operator setting or namespace annotation) is engaged. */
  KillSwitch,
  /** A due run was not started within startingDeadlineSeconds of its scheduled time. */
  MissedStartingDeadline,
  /** More than 100 scheduled times were missed (as CronJob's TooManyMissedTimes warning). */
  TooManyMissedTimes,
  /** concurrencyPolicy Forbid held a due run back while another run is active. */
  ConcurrencyForbid,
  /** concurrencyPolicy Replace aborted an active run to start the due one. */
  Replaced
}
