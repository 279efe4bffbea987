package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static LoadResult load(int clients, long rows, long latencyMicros) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < 100; i++) {
      h.recordValue(latencyMicros * 1_000);
    }
    return new LoadResult("closed", clients, 100, 100, rows, 0, 1.0, h);
  }

  private static ScenarioResult scenario(
      String name, int batch, long rows, long micros, double nc) {
    ScenarioResult.ServerTimes t = new ScenarioResult.ServerTimes(nc, nc, 100, 10, 1);
    return new ScenarioResult(
        name, batch, load(2, rows, micros), load(2, rows / 2, micros), t, t, 50, 20);
  }

  @Test
  void computesRatiosAndVerdictsAgainstTheTargets() {
    Report r = new Report();
    r.add(scenario(Protocol.IN_PROCESS.label, 64, 100_000, 500, Double.NaN));
    r.add(scenario(Protocol.JSON.label, 64, 30_000, 2_000, 90));
    r.add(scenario(Protocol.BINARY.label, 64, 60_000, 900, 35));
    r.add(scenario("batching off (binary) #1", 1, 2_000, 9_000, 20));
    r.add(scenario("batching on, max 32 rows / 1ms (binary) #1", 1, 7_000, 4_000, 20));
    r.add(scenario("batching off (binary) #2", 1, 1_000, 9_000, 20));
    r.add(scenario("batching on, max 32 rows / 1ms (binary) #2", 1, 1_000, 4_000, 20));
    r.add(scenario("batching off (binary) #3", 1, 2_000, 9_000, 20));
    r.add(scenario("batching on, max 32 rows / 1ms (binary) #3", 1, 2_000, 4_000, 20));

    List<String> lines = r.targets(List.of(64));
    String all = String.join("\n", lines);
    assertTrue(all.contains("(server, binary, open loop): 35.0 µs"), all);
    assertTrue(all.contains("target <= 40 µs: met"), all);
    assertTrue(all.contains("(server, JSON, open loop): 90.0 µs"), all);
    assertTrue(all.contains("target <= 40 µs: MISSED"), all);
    assertTrue(all.contains("binary / in-process ORT rows/s = 0.60x (JSON 0.30x)"), all);
    // in-process spends 20 us CPU per call; the binary path 50 (server) + 20 (load generator)
    assertTrue(all.contains("binary (server + load generator) / in-process: 0.29x"), all);
    // and the server's 50 us alone against the 20 us of an in-process call
    assertTrue(all.contains("rows per server-CPU-second, binary / in-process: 0.40x"), all);
    assertTrue(
        all.contains(
            "batching on / off rows/s per pair: 3.50x, 1.00x, 1.00x; median 1.00x;"
                + " target >= 3.0x: MISSED"),
        all);
    assertTrue(
        all.contains("batching p99 on vs off (medians over the pairs): closed loop 4,0"), all);
    assertTrue(all.contains(" vs 9,0") && all.contains("µs (met)"), all);
    assertEquals(5, lines.size());
    String md = r.markdown("header", List.of(64));
    assertTrue(md.contains("| server, binary | 64 | 2 | 60,000 | 900 / 900 |"), md);
    assertTrue(md.contains("| 50.0 / 20.0 |"), md);
  }

  @Test
  void sectionsFollowTheNotes() {
    Report r = new Report();
    r.note("load average 1 2 3");
    r.section("Against the peers", "| a | b |\n");
    String md = r.markdown("header", List.of());
    int note = md.indexOf("- load average 1 2 3");
    int section = md.indexOf("\n#### Against the peers\n\n| a | b |\n");
    assertTrue(note > 0 && section > note, md);
  }
}
