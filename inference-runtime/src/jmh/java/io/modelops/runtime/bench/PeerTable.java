package io.modelops.runtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers against ours, as ratios: one row per peer, protocol and batch size, each figure the
 * peer's divided by ours from the same interleaved round (rows/s below 1x, latency and CPU above 1x
 * mean ours is ahead). Latencies are the closed-loop ones: every server had the same number of
 * clients, each sending its next request when the last was answered.
 */
final class PeerTable {

  /**
   * One measured cell: who served it, with which protocol label, in which round, what was measured.
   */
  record Entry(String server, String protocol, int round, ScenarioResult result) {}

  private final String ours;
  private final List<Entry> entries = new ArrayList<>();

  /** {@code ours}: the server name every peer is compared with. */
  PeerTable(String ours) {
    this.ours = ours;
  }

  void add(String server, String protocol, int round, ScenarioResult result) {
    entries.add(new Entry(server, protocol, round, result));
  }

  /** One comparison: the peer's figures over ours. */
  record Ratio(
      String peer,
      String protocol,
      int batch,
      int round,
      double rows,
      double p50,
      double p99,
      double cpu,
      ScenarioResult peerResult,
      ScenarioResult oursResult) {

    /** The figures where ours is not ahead (empty: ahead on all four). */
    List<String> behind() {
      List<String> b = new ArrayList<>();
      if (!(rows < 1)) {
        b.add("rows/s");
      }
      if (!(p50 > 1)) {
        b.add("p50");
      }
      if (!(p99 > 1)) {
        b.add("p99");
      }
      if (!(cpu > 1)) {
        b.add("CPU per request");
      }
      return b;
    }
  }

  /** Every peer entry with the entry of ours for the same protocol, batch size and round. */
  List<Ratio> ratios() {
    Map<String, Entry> mine = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.server.equals(ours)) {
        mine.put(key(e), e);
      }
    }
    List<Ratio> out = new ArrayList<>();
    for (Entry e : entries) {
      if (e.server.equals(ours)) {
        continue;
      }
      Entry o = mine.get(key(e));
      if (o == null) {
        throw new IllegalStateException(
            "no measurement of "
                + ours
                + " for "
                + e.protocol
                + " batch "
                + e.result.batch()
                + " round "
                + e.round);
      }
      ScenarioResult p = e.result;
      ScenarioResult m = o.result;
      out.add(
          new Ratio(
              e.server,
              e.protocol,
              p.batch(),
              e.round,
              p.closed().rowsPerSecond() / m.closed().rowsPerSecond(),
              p.closed().micros(50) / m.closed().micros(50),
              p.closed().micros(99) / m.closed().micros(99),
              p.serverCpuMicrosPerRequest() / m.serverCpuMicrosPerRequest(),
              p,
              m));
    }
    return out;
  }

  private static String key(Entry e) {
    return e.protocol + "/" + e.result.batch() + "/" + e.round;
  }

  String markdown() {
    StringBuilder s = new StringBuilder();
    s.append(
        "| peer | protocol | batch | round | rows/s, peer / ours | closed p50 µs, peer / ours"
            + " | closed p99 µs, peer / ours | server CPU µs per request, peer / ours"
            + " | ours ahead? |\n");
    s.append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Ratio r : ratios()) {
      List<String> behind = r.behind();
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %d | %s / %s = %s | %s / %s = %s | %s / %s = %s | %s / %s = %s | %s |%n",
              r.peer,
              r.protocol,
              r.batch,
              r.round,
              Report.num(r.peerResult.closed().rowsPerSecond()),
              Report.num(r.oursResult.closed().rowsPerSecond()),
              times(r.rows),
              Report.num(r.peerResult.closed().micros(50)),
              Report.num(r.oursResult.closed().micros(50)),
              times(r.p50),
              Report.num(r.peerResult.closed().micros(99)),
              Report.num(r.oursResult.closed().micros(99)),
              times(r.p99),
              Report.num(r.peerResult.serverCpuMicrosPerRequest()),
              Report.num(r.oursResult.serverCpuMicrosPerRequest()),
              times(r.cpu),
              behind.isEmpty() ? "yes" : "no: " + String.join(", ", behind)));
    }
    return s.toString();
  }

  /** The target line: ahead of every peer on every row, and where not. */
  String verdict() {
    List<Ratio> all = ratios();
    List<String> misses = new ArrayList<>();
    for (Ratio r : all) {
      if (!r.behind().isEmpty()) {
        misses.add(
            r.peer
                + " "
                + r.protocol
                + " batch "
                + r.batch
                + " #"
                + r.round
                + " ("
                + String.join(", ", r.behind())
                + ")");
      }
    }
    return String.format(
        Locale.ROOT,
        "ahead of every peer on every row (rows/s, closed p50, closed p99, server CPU per"
            + " request): %s, %d of %d rows%s",
        all.isEmpty() ? "not measured" : misses.isEmpty() ? "met" : "MISSED",
        all.size() - misses.size(),
        all.size(),
        misses.isEmpty() ? "" : "; behind on: " + String.join("; ", misses));
  }

  static String times(double ratio) {
    return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
