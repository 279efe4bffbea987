package io.modelops.drills.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.modelops.api.v1alpha1.DrillVerdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** History pruning, oldest first, successful and failed runs counted apart. */
class HistoryPrunerTest {

  private static final List<ExistingRun> RUNS =
      List.of(
          Runs.finished("p1", "2026-05-01T01:00:00Z", DrillVerdict.Passed),
          Runs.finished("p2", "2026-05-01T02:00:00Z", DrillVerdict.Passed),
          Runs.finished("s3", "2026-05-01T03:00:00Z", DrillVerdict.Skipped),
          Runs.finished("p4", "2026-05-01T04:00:00Z", DrillVerdict.Passed),
          Runs.finished("f1", "2026-05-01T01:30:00Z", DrillVerdict.Failed),
          Runs.finished("a2", "2026-05-01T02:30:00Z", DrillVerdict.Aborted),
          Runs.finished("e3", "2026-05-01T03:30:00Z", DrillVerdict.Error),
          Runs.finished("f4", "2026-05-01T04:30:00Z", DrillVerdict.Failed),
          Runs.active("running", "2026-04-01T00:00:00Z"));

  @Test
  void defaultsKeepThreeOfEach() {
    assertEquals(List.of("p1", "f1"), HistoryPruner.prune(RUNS, null, null));
  }

  @Test
  void limitsApplyPerKindAndActiveRunsStay() {
    assertEquals(List.of("p1", "f1", "p2", "a2", "s3"), HistoryPruner.prune(RUNS, 1, 2));
    assertEquals(
        List.of("p1", "f1", "p2", "a2", "s3", "e3", "p4", "f4"), HistoryPruner.prune(RUNS, 0, 0));
    assertEquals(List.of(), HistoryPruner.prune(RUNS, 100, 100));
  }

  @Test
  void sameStartTimeIsOrderedByName() {
    var runs =
        List.of(
            Runs.finished("b", "2026-05-01T01:00:00Z", DrillVerdict.Passed),
            Runs.finished("a", "2026-05-01T01:00:00Z", DrillVerdict.Passed));
    assertEquals(List.of("a"), HistoryPruner.prune(runs, 1, 1));
  }
}
