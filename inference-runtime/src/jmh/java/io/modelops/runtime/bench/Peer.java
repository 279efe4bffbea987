package io.modelops.runtime.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * A model server users would pick instead of ours, served the same ONNX model by a small script in
 * {@code src/jmh/python} from its own venv (see {@link PeerVenv}). Every script takes {@code --port
 * --model --workers --name} and serves the V2 REST protocol on 127.0.0.1.
 */
enum Peer {
  KSERVE("KServe", "kserve", "kserve_peer.py", true),
  MLSERVER("MLServer", "mlserver", "mlserver_peer.py", false),
  TRITON("Triton (PyTriton)", "triton", "triton_peer.py", true);

  /** Name in the report. */
  final String label;

  /** Name in {@code --peers=} and of its venv and requirements file. */
  final String id;

  /** The start script in {@code src/jmh/python}. */
  final String script;

  /** Whether its REST endpoint implements the V2 binary tensor data extension. */
  final boolean binary;

  Peer(String label, String id, String script, boolean binary) {
    this.label = label;
    this.id = id;
    this.script = script;
    this.binary = binary;
  }

  /** The requirements file, relative to {@code src/jmh/python}. */
  String requirements() {
    return "requirements-peer-" + id + ".txt";
  }

  static Peer parse(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(p -> p.id.equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown peer '"
                        + id
                        + "'; known: "
                        + Arrays.stream(values()).map(p -> p.id).toList()));
  }
}
