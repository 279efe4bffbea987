package io.modelops.runtime.bench;

import io.modelops.runtime.it.PythonVenv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python virtual environment of one {@link Peer}, created on first use from its pinned
 * requirements file in {@code src/jmh/python} with the package index pip is configured for, and
 * reused while its marker file holds the same key (SHA-256 of the requirements file plus the Python
 * version). One venv per peer: KServe and MLServer cannot be installed into one (their pins
 * conflict). A missing Python or a failed install is an {@link IllegalStateException} that says
 * what happened and where the log is.
 */
final class PeerVenv {

  static final Path SCRIPTS = Path.of("src/jmh/python");
  private static final String MARKER = ".modelops-peer";
  private static final String HINT = "set --peers-python=/path/to/python3";

  /** Outside the checkout, so another clone on the same machine reuses it. */
  static final Path DEFAULT_ROOT =
      Path.of(System.getProperty("user.home"), ".cache", "modelops", "peers");

  private PeerVenv() {}

  /** The peer's venv python under {@code root}, installing the venv first when out of date. */
  static Path ensure(Peer peer, Path root, String python, long installTimeoutSeconds, Path logDir)
      throws IOException, InterruptedException {
    Path requirements = SCRIPTS.resolve(peer.requirements()).toAbsolutePath();
    if (!Files.isRegularFile(requirements)) {
      throw new IllegalStateException(
          requirements + " not found: run the benchmark from the inference-runtime folder");
    }
    Path dir = root.resolve(peer.id).toAbsolutePath();
    Files.createDirectories(logDir);
    Path log = logDir.resolve("venv-" + peer.id + ".log");
    long started = System.nanoTime();
    Path installed =
        PythonVenv.ensure(dir, MARKER, python, requirements, installTimeoutSeconds, log, HINT);
    System.out.printf(
        "%s venv ready in %.1f s: %s (log: %s)%n",
        peer.label, (System.nanoTime() - started) / 1e9, dir, log);
    return installed;
  }

  /** SHA-256 of the requirements file and the interpreter's version. */
  static String key(String python, Path requirements, Path log)
      throws IOException, InterruptedException {
    return PythonVenv.key(python, requirements, log, HINT);
  }
}
