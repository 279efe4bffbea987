package io.modelops.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Formats scenario results and the target checks as Markdown. */
final class Report {

  static final double NON_COMPUTE_TARGET_MICROS = 40;
  static final double BINARY_VS_ORT_TARGET = 0.5;
  static final double BATCHING_TARGET = 3;

  private final double batchingTarget;

  Report() {
    this(BATCHING_TARGET);
  }

  /** {@code batchingTarget}: the batching on / off rows/s ratio to reach. */
  Report(double batchingTarget) {
    this.batchingTarget = batchingTarget;
  }

  private final List<ScenarioResult> results = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();

  void add(ScenarioResult result) {
    results.add(result);
  }

  void note(String line) {
    notes.add(line);
  }

  /** A Markdown section (heading and body) printed after the table, targets and notes. */
  void section(String title, String markdown) {
    sections.add("#### " + title + "\n\n" + markdown);
  }

  List<ScenarioResult> results() {
    return results;
  }

  Optional<ScenarioResult> find(String name, int batch) {
    return results.stream().filter(r -> r.name().equals(name) && r.batch() == batch).findFirst();
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append(
        "| scenario | batch | clients | capacity rows/s | closed p50 / p99 µs | open-loop req/s"
            + " | open p50 / p99 µs | errors | server non-compute p50 / mean µs (open; closed)"
            + " | server run µs / queue wait µs / rows per run (means, closed loop)"
            + " | CPU µs per request, server / load generator (closed loop) |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ScenarioResult r : results) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %s | %s / %s | %s | %s / %s | %d | %s / %s; %s / %s | %s / %s / %s | %s /"
                  + " %s |%n",
              r.name(),
              r.batch(),
              r.closed().concurrency(),
              num(r.closed().rowsPerSecond()),
              num(r.closed().micros(50)),
              num(r.closed().micros(99)),
              r.open() == null ? "-" : num(r.open().offeredPerSecond()),
              r.open() == null ? "-" : num(r.open().micros(50)),
              r.open() == null ? "-" : num(r.open().micros(99)),
              r.closed().errors() + (r.open() == null ? 0 : r.open().errors()),
              num(r.openServer().nonComputeP50()),
              num(r.openServer().nonComputeMean()),
              num(r.closedServer().nonComputeP50()),
              num(r.closedServer().nonComputeMean()),
              num(r.closedServer().inferenceMean()),
              num(r.closedServer().queueWaitMean()),
              num(r.closedServer().rowsPerRun()),
              num(r.serverCpuMicrosPerRequest()),
              num(r.clientCpuMicrosPerRequest())));
    }
    return s.toString();
  }

  /** One line per target: the measured figure, the target, met or not. */
  List<String> targets(List<Integer> batches) {
    List<String> lines = new ArrayList<>();
    for (String proto : List.of(Protocol.BINARY.label, Protocol.JSON.label)) {
      find(proto, 64)
          .ifPresent(
              r -> {
                double p50 = r.openServer().nonComputeP50();
                lines.add(
                    String.format(
                        Locale.ROOT,
                        "non-compute p50 at batch 64 (%s, open loop): %s µs (closed loop: %s µs);"
                            + " target <= %.0f µs: %s",
                        proto,
                        num(p50),
                        num(r.closedServer().nonComputeP50()),
                        NON_COMPUTE_TARGET_MICROS,
                        verdict(p50 <= NON_COMPUTE_TARGET_MICROS, p50)));
              });
    }
    for (int batch : batches) {
      Optional<ScenarioResult> ort = find(Protocol.IN_PROCESS.label, batch);
      Optional<ScenarioResult> bin = find(Protocol.BINARY.label, batch);
      Optional<ScenarioResult> json = find(Protocol.JSON.label, batch);
      if (ort.isPresent() && bin.isPresent()) {
        double ratio = bin.get().closed().rowsPerSecond() / ort.get().closed().rowsPerSecond();
        double jsonRatio =
            json.map(j -> j.closed().rowsPerSecond() / ort.get().closed().rowsPerSecond())
                .orElse(Double.NaN);
        double cpuRatio =
            ort.get().clientCpuMicrosPerRequest()
                / (bin.get().serverCpuMicrosPerRequest() + bin.get().clientCpuMicrosPerRequest());
        // the in-process baseline's CPU is all inference; the server's alone, without the client
        double serverCpuRatio =
            ort.get().clientCpuMicrosPerRequest() / bin.get().serverCpuMicrosPerRequest();
        lines.add(
            String.format(
                Locale.ROOT,
                "batch %d: binary / in-process ORT rows/s = %.2fx (JSON %.2fx); target >= %.1fx: %s;"
                    + " rows per CPU-second, binary (server + load generator) / in-process: %.2fx;"
                    + " rows per server-CPU-second, binary / in-process: %.2fx",
                batch,
                ratio,
                jsonRatio,
                BINARY_VS_ORT_TARGET,
                verdict(ratio >= BINARY_VS_ORT_TARGET, ratio),
                cpuRatio,
                serverCpuRatio));
      }
    }
    List<ScenarioResult> offs =
        results.stream().filter(r -> r.name().startsWith("batching off")).toList();
    List<ScenarioResult> ons =
        results.stream().filter(r -> r.name().startsWith("batching on")).toList();
    int pairs = Math.min(offs.size(), ons.size());
    if (pairs > 0) {
      List<String> each = new ArrayList<>();
      double[] ratios = new double[pairs];
      double[] closedOn = new double[pairs];
      double[] closedOff = new double[pairs];
      double[] openOn = new double[pairs];
      double[] openOff = new double[pairs];
      for (int i = 0; i < pairs; i++) {
        ScenarioResult off = offs.get(i);
        ScenarioResult on = ons.get(i);
        ratios[i] = on.closed().rowsPerSecond() / off.closed().rowsPerSecond();
        each.add(String.format(Locale.ROOT, "%.2fx", ratios[i]));
        closedOn[i] = on.closed().micros(99);
        closedOff[i] = off.closed().micros(99);
        openOn[i] = on.open() == null ? Double.NaN : on.open().micros(99);
        openOff[i] = off.open() == null ? Double.NaN : off.open().micros(99);
      }
      double ratio = median(ratios);
      lines.add(
          String.format(
              Locale.ROOT,
              "batching on / off rows/s per pair: %s; median %.2fx; target >= %.1fx: %s",
              String.join(", ", each),
              ratio,
              batchingTarget,
              verdict(ratio >= batchingTarget, ratio)));
      double p99On = median(closedOn);
      double p99Off = median(closedOff);
      double openP99On = median(openOn);
      double openP99Off = median(openOff);
      lines.add(
          String.format(
              Locale.ROOT,
              "batching p99 on vs off (medians over the pairs): closed loop %s vs %s µs (%s);"
                  + " open loop at the same %s req/s %s vs %s µs (%s)",
              num(p99On),
              num(p99Off),
              verdict(p99On <= p99Off, p99On),
              ons.get(0).open() == null ? "-" : num(ons.get(0).open().offeredPerSecond()),
              num(openP99On),
              num(openP99Off),
              verdict(openP99On <= openP99Off, openP99On)));
    }
    return lines;
  }

  String markdown(String header, List<Integer> batches) {
    StringBuilder s = new StringBuilder(header).append('\n');
    s.append(table()).append('\n');
    for (String line : targets(batches)) {
      s.append("- ").append(line).append('\n');
    }
    if (!notes.isEmpty()) {
      s.append('\n');
      for (String line : notes) {
        s.append("- ").append(line).append('\n');
      }
    }
    for (String section : sections) {
      s.append('\n').append(section);
    }
    return s.toString();
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String verdict(boolean met, double value) {
    return Double.isNaN(value) ? "not measured" : met ? "met" : "MISSED";
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
