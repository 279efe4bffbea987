package io.modelops.operator.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.modelops.api.v1alpha1.DrillFault;
import io.modelops.api.v1alpha1.FaultMode;
import io.modelops.api.v1alpha1.FaultType;
import io.modelops.api.v1alpha1.InjectedFault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pod selection, recovery, probe windows and the probe's request body: no server. */
class NativePartsTest {

  static DrillFault fault(FaultMode mode, String fraction) {
    DrillFault f = new DrillFault();
    f.setType(FaultType.PodKill);
    f.setMode(mode);
    f.setFraction(fraction);
    return f;
  }

  static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  static List<Pod> pods(int n) {
    return IntStream.range(0, n).mapToObj(i -> pod("p" + i)).toList();
  }

  @ParameterizedTest
  @CsvSource({
    "One, , 4, 1",
    ", , 4, 1",
    "All, , 4, 4",
    "Fraction, 0.5, 4, 2",
    "Fraction, 0.5, 3, 2",
    "Fraction, 0.01, 3, 1",
    "Fraction, 1, 3, 3",
    "All, , 0, 0"
  })
  void selectsOneAFractionRoundedUpOrAll(String mode, String fraction, int ready, int chosen) {
    var f = fault(mode == null ? null : FaultMode.valueOf(mode), fraction);
    List<String> names = PodSelection.select(f, pods(ready), new Random(7));
    assertEquals(chosen, names.size());
    assertEquals(chosen, names.stream().distinct().count());
  }

  @Test
  void recoveryNeedsTheBaselineWithoutKilledPodsAndAHealthyProbe() {
    InjectedFault kill = new InjectedFault();
    kill.setType(FaultType.PodKill);
    kill.setTargets(List.of("p0"));
    assertFalse(Recovery.recovered(2, pods(2), List.of(kill), true), "p0 was killed");
    assertTrue(Recovery.recovered(2, List.of(pod("p1"), pod("p2")), List.of(kill), true));
    assertFalse(Recovery.recovered(2, List.of(pod("p1"), pod("p2")), List.of(kill), false));
    assertFalse(Recovery.recovered(null, pods(3), List.of(), true), "no baseline recorded");
    InjectedFault loss = new InjectedFault();
    loss.setType(FaultType.ReplicaLoss);
    loss.setTargets(List.of("p0"));
    assertTrue(
        Recovery.recovered(2, pods(2), List.of(loss), true),
        "ReplicaLoss: the ReplicaSet picks the pods; a marked pod that stayed counts");
  }

  @Test
  void probeWindowSlidesOverTenSecondsAndKeepsTheWorst() {
    MutableClock clock = new MutableClock(Instant.parse("2026-05-01T03:00:00Z"));
    ProbeStats stats = new ProbeStats(clock);
    for (int i = 0; i < 98; i++) {
      stats.record(Duration.ofMillis(10), true);
    }
    stats.record(Duration.ofMillis(900), false);
    stats.record(Duration.ofMillis(800), false);
    var w = stats.window();
    assertEquals(100, w.requests());
    assertEquals(0.02, w.errorRatio(), 1e-9);
    assertEquals(Duration.ofMillis(800), w.p99());
    assertFalse(w.healthy());
    clock.advance(Duration.ofSeconds(11));
    stats.record(Duration.ofMillis(10), true);
    var later = stats.window();
    assertEquals(1, later.requests());
    assertTrue(later.healthy());
    assertEquals(100 + 1, stats.requests());
    assertEquals(2, stats.errors());
    assertEquals(0.02, stats.worstErrorRatio(), 1e-9);
    assertEquals(Duration.ofMillis(800), stats.worstP99());
  }

  @Test
  void probeBodyFillsEveryInputWithZeros() throws Exception {
    var metadata =
        new ObjectMapper()
            .readTree(
                "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,3]},"
                    + "{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1]}]}");
    assertEquals(
        "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1,3],\"data\":[0,0,0]},"
            + "{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"\"]}]}",
        HttpTrafficProber.zeros(metadata));
  }
}
