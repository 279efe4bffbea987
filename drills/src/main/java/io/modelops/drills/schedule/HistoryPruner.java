package io.modelops.drills.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished runs to delete, as CronJob's {@code cleanupFinishedJobs}: successful (Passed,
 * Skipped) and failed (Failed, Aborted, Error) runs are counted apart, and the oldest of each
 * beyond its limit go, oldest first (by start time, then name). Active runs are never pruned.
 */
public final class HistoryPruner {

  /** Successful runs kept when the limit is unset. */
  public static final int DEFAULT_SUCCESSFUL = 3;

  /** Failed runs kept when the limit is unset. */
  public static final int DEFAULT_FAILED = 3;

  private static final Comparator<ExistingRun> OLDEST_FIRST =
      Comparator.comparing(ExistingRun::startTime).thenComparing(ExistingRun::name);

  private HistoryPruner() {}

  /** Names of the runs to delete, oldest first. Null limits take the defaults. */
  public static List<String> prune(
      List<ExistingRun> runs, Integer successfulLimit, Integer failedLimit) {
    List<ExistingRun> successful = new ArrayList<>();
    List<ExistingRun> failed = new ArrayList<>();
    for (ExistingRun run : runs) {
      if (run.finished()) {
        (run.successful() ? successful : failed).add(run);
      }
    }
    List<ExistingRun> delete = new ArrayList<>();
    delete.addAll(oldestBeyond(successful, successfulLimit, DEFAULT_SUCCESSFUL));
    delete.addAll(oldestBeyond(failed, failedLimit, DEFAULT_FAILED));
    return delete.stream().sorted(OLDEST_FIRST).map(ExistingRun::name).toList();
  }

  private static List<ExistingRun> oldestBeyond(List<ExistingRun> runs, Integer limit, int def) {
    int keep = limit != null ? limit : def;
    if (runs.size() <= keep) {
      return List.of();
    }
    return runs.stream().sorted(OLDEST_FIRST).limit(runs.size() - keep).toList();
  }
}
