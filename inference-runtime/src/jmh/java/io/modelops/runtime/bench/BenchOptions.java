package io.modelops.runtime.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Benchmark settings from {@code --key=value} arguments; every key has a default. */
record BenchOptions(
    Path jar,
    List<Integer> batches,
    Duration warmup,
    Duration duration,
    int ortThreads,
    int clients,
    int batchingClients,
    int batchingRepeats,
    int batchMaxSize,
    String batchMaxDelay,
    double openLoopFraction,
    Set<String> parts,
    String nonComputeMetric,
    String inferenceMetric,
    String requestMetric,
    String model,
    List<Peer> peers,
    String peersPython,
    Path peersVenvs,
    int peerRounds,
    String serverJfr,
    List<Integer> pin,
    Path out) {

  /** The parts a run without {@code --parts} measures. */
  static final Set<String> ALL_PARTS =
      Set.of("inprocess", "json", "binary", "batching", "monitoring");

  /**
   * Every part {@code --parts} accepts: the default ones and {@code peers} (ours against the
   * servers users would pick instead; installs each peer into a venv first, so it is asked for by
   * name only).
   */
  static final Set<String> KNOWN_PARTS =
      Set.of("inprocess", "json", "binary", "batching", "monitoring", "peers");

  static BenchOptions parse(String... args) {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      if (arg.isBlank()) {
        continue;
      }
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
      }
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    BenchOptions o =
        new BenchOptions(
            Path.of(a.getOrDefault("jar", "target/inference-runtime.jar")),
            Arrays.stream(a.getOrDefault("batches", "1,16,64,256").split(","))
                .map(String::trim)
                .map(Integer::valueOf)
                .toList(),
            Duration.ofMillis(Long.parseLong(a.getOrDefault("warmup-ms", "3000"))),
            Duration.ofMillis(Long.parseLong(a.getOrDefault("duration-ms", "8000"))),
            Integer.parseInt(a.getOrDefault("ort-threads", "1")),
            Integer.parseInt(a.getOrDefault("clients", "2")),
            Integer.parseInt(a.getOrDefault("batching-clients", "32")),
            Integer.parseInt(a.getOrDefault("batching-repeats", "3")),
            Integer.parseInt(a.getOrDefault("batch-max-size", "32")),
            a.getOrDefault("batch-max-delay", "1ms"),
            Double.parseDouble(a.getOrDefault("open-loop-fraction", "0.25")),
            Set.of(a.getOrDefault("parts", String.join(",", ALL_PARTS)).split(",")),
            a.getOrDefault("noncompute-metric", "modelops_runtime_request_overhead_seconds"),
            a.getOrDefault("inference-metric", "modelops_runtime_inference_duration_seconds"),
            a.getOrDefault("request-metric", "modelops_runtime_request_duration_seconds"),
            a.getOrDefault("model", "ctr"),
            Arrays.stream(a.getOrDefault("peers", "kserve,mlserver,triton").split(","))
                .map(Peer::parse)
                .distinct()
                .toList(),
            a.getOrDefault("peers-python", "python3"),
            Path.of(a.getOrDefault("peers-venvs", PeerVenv.DEFAULT_ROOT.toString())),
            Integer.parseInt(a.getOrDefault("peer-rounds", "2")),
            a.getOrDefault("server-jfr", ""),
            parsePin(a.getOrDefault("pin", "")),
            Path.of(a.getOrDefault("out", "target/bench/inference-runtime.md")));
    a.keySet().removeAll(KNOWN);
    if (!a.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + a.keySet() + "; known: " + KNOWN);
    }
    if (!KNOWN_PARTS.containsAll(o.parts)) {
      throw new IllegalArgumentException("--parts must be among " + KNOWN_PARTS);
    }
    if (!Set.of("ctr", "heavy").contains(o.model)) {
      throw new IllegalArgumentException("--model must be ctr or heavy");
    }
    if (o.peerRounds < 1) {
      throw new IllegalArgumentException("--peer-rounds must be at least 1");
    }
    if (!o.serverJfr.isEmpty() && !o.serverJfr.matches("[0-9]+ms")) {
      throw new IllegalArgumentException(
          "--server-jfr must be a sampling period such as 2ms (empty: no recording)");
    }
    if (o.pinned() && o.parts.contains("peers")) {
      throw new IllegalArgumentException("--pin does not apply to the peers part");
    }
    if (o.batchingRepeats < 1) {
      throw new IllegalArgumentException("--batching-repeats must be at least 1");
    }
    if (o.openLoopFraction <= 0 || o.openLoopFraction > 2) {
      throw new IllegalArgumentException("--open-loop-fraction must be in (0, 2]");
    }
    return o;
  }

  /**
   * {@code --pin=SUT,CLIENT}: two different CPU numbers. The in-process baseline (one caller
   * thread) and the whole server process run on CPU {@code SUT}, the load generator on CPU {@code
   * CLIENT}. Empty: no pinning.
   */
  private static List<Integer> parsePin(String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    String[] cpus = value.split(",");
    try {
      if (cpus.length == 2) {
        int sut = Integer.parseInt(cpus[0].trim());
        int client = Integer.parseInt(cpus[1].trim());
        if (sut >= 0 && client >= 0 && sut != client) {
          return List.of(sut, client);
        }
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--pin must be two different CPU numbers SUT,CLIENT such as 0,1 (got '" + value + "')");
  }

  /** Whether {@code --pin} was given. */
  boolean pinned() {
    return !pin.isEmpty();
  }

  /** The CPU of the system under test (in-process baseline, server); {@code --pin} only. */
  int sutCpu() {
    return pin.get(0);
  }

  /** The load generator's CPU; {@code --pin} only. */
  int clientCpu() {
    return pin.get(1);
  }

  /**
   * Caller threads of the in-process baseline: one when pinned (one core, one ORT thread; a second
   * caller on the same core could only take turns), else as many as the server gets clients.
   */
  int inProcessClients() {
    return pinned() ? 1 : clients;
  }

  private static final Set<String> KNOWN =
      Set.of(
          "jar",
          "batches",
          "warmup-ms",
          "duration-ms",
          "ort-threads",
          "clients",
          "batching-clients",
          "batching-repeats",
          "batch-max-size",
          "batch-max-delay",
          "open-loop-fraction",
          "parts",
          "noncompute-metric",
          "inference-metric",
          "request-metric",
          "model",
          "peers",
          "peers-python",
          "peers-venvs",
          "peer-rounds",
          "server-jfr",
          "pin",
          "out");
}
