package io.modelops.runtime.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    Path venvPython = dir.resolve("bin/python");
    Files.createDirectories(logDir);
    Path log = logDir.resolve("venv-" + peer.id + ".log");
    String key = key(python, requirements, log);
    Path marker = dir.resolve(MARKER);
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(key)
        && Files.isExecutable(venvPython)) {
      return venvPython;
    }
    long started = System.nanoTime();
    System.out.printf("installing %s into %s (log: %s)...%n", peer.label, dir, log);
    deleteTree(dir);
    run(List.of(python, "-m", "venv", dir.toString()), log, 120, "creating the venv " + dir);
    run(
        List.of(
            venvPython.toString(),
            "-m",
            "pip",
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "-r",
            requirements.toString()),
        log,
        installTimeoutSeconds,
        "pip install -r " + requirements);
    Files.writeString(marker, key, StandardCharsets.UTF_8);
    System.out.printf("installed %s in %.1f s%n", peer.label, (System.nanoTime() - started) / 1e9);
    return venvPython;
  }

  /** SHA-256 of the requirements file and the interpreter's version. */
  static String key(String python, Path requirements, Path log)
      throws IOException, InterruptedException {
    run(List.of(python, "--version"), log, 30, "finding Python (" + python + ")");
    String version = Files.readString(log, StandardCharsets.UTF_8).trim();
    if (!version.startsWith("Python 3.")) {
      throw new IllegalStateException(
          python + " --version says '" + version + "', expected Python 3");
    }
    return sha256(Files.readAllBytes(requirements)) + " " + version + "\n";
  }

  private static void run(List<String> cmd, Path log, long timeoutSeconds, String what)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the peers need Python 3 with venv and pip ("
              + what
              + " failed: "
              + e.getMessage()
              + "); set --peers-python=/path/to/python3",
          e);
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(
          what + " took longer than " + timeoutSeconds + " s; output:\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          what
              + " failed with exit code "
              + p.exitValue()
              + " (is the package index reachable?); output:\n"
              + tail(log));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (var walk = Files.walk(dir)) {
      walk.forEach(paths::add);
    }
    for (int i = paths.size() - 1; i >= 0; i--) {
      Files.delete(paths.get(i));
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
