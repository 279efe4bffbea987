package io.modelops.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code peers} part: ours and every {@link Peer}, all started side by side and serving the
 * same ONNX model with the same budget (ONNX Runtime sessions of one intra-op and one inter-op
 * thread, as many inference workers as the load generator has clients), driven by the same load
 * generator at every batch size, JSON and, where the server implements it, the binary tensor
 * extension. Each cell (batch size, protocol) measures every server one after the other, the order
 * rotated from cell to cell, so the shared machine's load swings hit all alike. Every server's
 * answer is checked against the Java forward pass before it is timed.
 */
final class PeerComparison {

  static final String OURS = "ours";

  /** A peer's start can take minutes on a loaded 2-core machine (imports, worker processes). */
  private static final long PEER_READY_SECONDS = 300;

  private static final long INSTALL_TIMEOUT_SECONDS = 1800;

  /** A server in the comparison. */
  private record Contender(String label, RuntimeBenchmark.ManagedServer server, boolean binary) {}

  private final RuntimeBenchmark bench;
  private final BenchOptions options;
  private final Path logDir;

  PeerComparison(RuntimeBenchmark bench) {
    this.bench = bench;
    this.options = bench.options;
    this.logDir = options.out().toAbsolutePath().getParent();
  }

  void run() throws Exception {
    Map<Peer, Path> pythons = new LinkedHashMap<>();
    for (Peer peer : options.peers()) {
      pythons.put(
          peer,
          PeerVenv.ensure(
              peer, options.peersVenvs(), options.peersPython(), INSTALL_TIMEOUT_SECONDS, logDir));
    }
    List<Contender> contenders = new ArrayList<>();
    try {
      contenders.add(new Contender(OURS, bench.new ManagedServer(1, "peers-ours"), true));
      for (Peer peer : options.peers()) {
        System.out.printf("starting %s...%n", peer.label);
        RuntimeBenchmark.ManagedServer server =
            bench
            .new ManagedServer(
                logName ->
                    ServerProcess.startPeer(
                        peer,
                        pythons.get(peer),
                        bench.modelFile,
                        RuntimeBenchmark.MODEL_NAME,
                        options.clients(),
                        logDir.resolve(logName + ".log"),
                        PEER_READY_SECONDS),
                "peer-" + peer.id,
                peer.binary ? List.of(Protocol.JSON, Protocol.BINARY) : List.of(Protocol.JSON));
        contenders.add(new Contender(peer.label, server, peer.binary));
        if (!peer.binary) {
          bench.report.note(binaryAnswer(peer, server.current()));
        }
      }
      bench.report.note(idleCpu(contenders));
      bench.report.note(versions());
      PeerTable table = new PeerTable(OURS);
      int cell = 0;
      for (int round = 1; round <= options.peerRounds(); round++) {
        String suffix = options.peerRounds() > 1 ? " #" + round : "";
        for (int batch : options.batches()) {
          for (Protocol protocol : List.of(Protocol.JSON, Protocol.BINARY)) {
            List<Contender> in =
                contenders.stream().filter(c -> protocol == Protocol.JSON || c.binary).toList();
            String proto = protocol == Protocol.JSON ? "JSON" : "binary";
            for (int i = 0; i < in.size(); i++) {
              Contender c = in.get((i + cell) % in.size());
              ScenarioResult r =
                  bench.measureServer(
                      c.server,
                      protocol,
                      c.label + ", " + proto + suffix,
                      batch,
                      options.clients(),
                      0);
              bench.report.add(r);
              table.add(c.label, proto, round, r);
            }
            cell++;
          }
        }
      }
      bench.report.note(table.verdict());
      bench.report.section("Against the peers (peer / ours)", table.markdown());
    } finally {
      for (Contender c : contenders) {
        c.server.close();
      }
    }
  }

  /** What a peer without the binary extension answers to the binary request, for the record. */
  private static String binaryAnswer(Peer peer, ServerProcess server) throws IOException {
    CtrPayloads payload = new CtrPayloads(1, 1);
    byte[] request =
        Protocol.BINARY.request(server.hostPort(), RuntimeBenchmark.MODEL_NAME, payload);
    try (HttpConnection c = server.connect()) {
      HttpConnection.Response r = c.exchange(request);
      return String.format(
          Locale.ROOT,
          "%s: binary rows not measured, its REST endpoint does not implement the binary tensor"
              + " extension (a binary request was answered %d: %s)",
          peer.label,
          r.status(),
          CtrPayloads.abbreviate(r.bodyText()).replace('\n', ' ').replace('|', '/'));
    }
  }

  /** CPU each server burns while idle, all up and none asked anything, over 5 s. */
  private static String idleCpu(List<Contender> contenders) throws InterruptedException {
    long[] before = new long[contenders.size()];
    for (int i = 0; i < before.length; i++) {
      before[i] = contenders.get(i).server.current().cpuNanos();
    }
    long started = System.nanoTime();
    Thread.sleep(5_000);
    double seconds = (System.nanoTime() - started) / 1e9;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < before.length; i++) {
      long cpu = contenders.get(i).server.current().cpuNanos() - before[i];
      parts.add(
          String.format(Locale.ROOT, "%s %.1f ms/s", contenders.get(i).label, cpu / 1e6 / seconds));
    }
    return "idle CPU of each server while all were up (process and its children, over 5 s): "
        + String.join(", ", parts);
  }

  /** The main packages of each peer, from its pinned requirements file. */
  private String versions() throws IOException {
    List<String> parts = new ArrayList<>();
    for (Peer peer : options.peers()) {
      List<String> pins = new ArrayList<>();
      for (String line :
          Files.readAllLines(
              PeerVenv.SCRIPTS.resolve(peer.requirements()), StandardCharsets.UTF_8)) {
        String name = line.contains("==") ? line.substring(0, line.indexOf("==")) : "";
        if (List.of("kserve", "mlserver", "nvidia-pytriton", "onnxruntime", "numpy", "uvloop")
            .contains(name.toLowerCase(Locale.ROOT))) {
          pins.add(line.trim());
        }
      }
      parts.add(peer.label + ": " + String.join(" ", pins));
    }
    return "peer versions (pinned in src/jmh/python/requirements-peer-*.txt): "
        + String.join("; ", parts);
  }
}
