package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PeerTableTest {

  /** A closed loop of 1 s with {@code rows} rows and every latency between p50 and p99 given. */
  private static ScenarioResult scenario(
      String name, int batch, long rows, long p50Micros, long p99Micros, double cpuMicros) {
    Histogram h = new Histogram(3);
    for (int i = 0; i < 98; i++) {
      h.recordValue(p50Micros * 1_000);
    }
    h.recordValue(p99Micros * 1_000);
    h.recordValue(p99Micros * 1_000);
    LoadResult closed = new LoadResult("closed", 2, 0, 100, rows, 0, 1.0, h);
    return new ScenarioResult(
        name,
        batch,
        closed,
        null,
        ScenarioResult.ServerTimes.NONE,
        ScenarioResult.ServerTimes.NONE,
        cpuMicros,
        10);
  }

  @Test
  void dividesEachPeerByOursForTheSameProtocolAndBatch() {
    PeerTable t = new PeerTable(PeerComparison.OURS);
    t.add("ours", "JSON", 1, scenario("ours, JSON", 1, 20_000, 100, 400, 50));
    t.add("ours", "JSON", 1, scenario("ours, JSON", 64, 640_000, 200, 800, 100));
    t.add("KServe", "JSON", 1, scenario("KServe, JSON", 1, 5_000, 400, 1_600, 500));
    t.add("KServe", "JSON", 1, scenario("KServe, JSON", 64, 800_000, 100, 400, 200));

    List<PeerTable.Ratio> ratios = t.ratios();
    assertEquals(2, ratios.size());
    PeerTable.Ratio b1 = ratios.get(0);
    assertEquals(1, b1.batch());
    assertEquals(0.25, b1.rows(), 1e-9);
    assertEquals(4.0, b1.p50(), 0.01);
    assertEquals(4.0, b1.p99(), 0.01);
    assertEquals(10.0, b1.cpu(), 1e-9);
    assertEquals(List.of(), b1.behind());
    // at batch 64 the peer has more rows/s and lower latency; ours uses less CPU
    PeerTable.Ratio b64 = ratios.get(1);
    assertEquals(1.25, b64.rows(), 1e-9);
    assertEquals(List.of("rows/s", "p50", "p99"), b64.behind());

    String md = t.markdown();
    assertTrue(md.contains("| KServe | JSON | 1 | 1 | 5,000 / 20,000 = 0.25x |"), md);
    assertTrue(md.contains("| 500 / 50.0 = 10.00x | yes |"), md);
    assertTrue(md.contains("| no: rows/s, p50, p99 |"), md);
    String verdict = t.verdict();
    assertTrue(verdict.contains(": MISSED, 1 of 2 rows"), verdict);
    assertTrue(verdict.contains("behind on: KServe JSON batch 64 #1 (rows/s, p50, p99)"), verdict);
  }

  @Test
  void pairsEachPeerWithOursOfTheSameRound() {
    PeerTable t = new PeerTable(PeerComparison.OURS);
    t.add("ours", "JSON", 1, scenario("ours, JSON #1", 1, 20_000, 100, 400, 50));
    t.add("KServe", "JSON", 1, scenario("KServe, JSON #1", 1, 10_000, 400, 1_600, 500));
    t.add("KServe", "JSON", 2, scenario("KServe, JSON #2", 1, 10_000, 400, 1_600, 500));
    t.add("ours", "JSON", 2, scenario("ours, JSON #2", 1, 5_000, 100, 400, 50));
    List<PeerTable.Ratio> ratios = t.ratios();
    assertEquals(0.5, ratios.get(0).rows(), 1e-9);
    assertEquals(2, ratios.get(1).round());
    assertEquals(2.0, ratios.get(1).rows(), 1e-9);
    assertTrue(t.verdict().contains("behind on: KServe JSON batch 1 #2 (rows/s)"), t.verdict());
  }

  @Test
  void aTieIsNotAhead() {
    PeerTable t = new PeerTable(PeerComparison.OURS);
    t.add("ours", "binary", 1, scenario("ours, binary", 1, 1_000, 100, 200, 40));
    t.add("Triton", "binary", 1, scenario("Triton, binary", 1, 1_000, 100, 200, 40));
    assertEquals(List.of("rows/s", "p50", "p99", "CPU per request"), t.ratios().get(0).behind());
  }

  @Test
  void allAheadIsMetAndNothingMeasuredIsSaid() {
    PeerTable t = new PeerTable(PeerComparison.OURS);
    assertTrue(t.verdict().contains(": not measured, 0 of 0 rows"), t.verdict());
    t.add("ours", "JSON", 1, scenario("ours, JSON", 64, 640_000, 200, 800, 100));
    t.add("MLServer", "JSON", 1, scenario("MLServer, JSON", 64, 64_000, 2_000, 8_000, 1_000));
    assertTrue(t.verdict().contains(": met, 1 of 1 rows"), t.verdict());
  }

  @Test
  void aPeerWithoutOursForItsCellIsAnError() {
    PeerTable t = new PeerTable(PeerComparison.OURS);
    t.add("ours", "JSON", 1, scenario("ours, JSON", 1, 1_000, 100, 200, 40));
    t.add("Triton", "binary", 1, scenario("Triton, binary", 1, 1_000, 100, 200, 40));
    IllegalStateException e = assertThrows(IllegalStateException.class, t::ratios);
    assertTrue(e.getMessage().contains("no measurement of ours for binary batch 1 round 1"));
  }
}
