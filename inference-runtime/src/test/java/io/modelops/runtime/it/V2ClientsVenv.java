package io.modelops.runtime.it;

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
 * The Python virtual environment with the official V2 clients (tritonclient, kserve) that {@link
 * OfficialV2ClientsIT} runs. Created on first use from {@code src/test/python/
 * requirements-v2-clients.txt} with the package index pip is configured for, and reused while its
 * marker file holds the same key (SHA-256 of the requirements file plus the Python version). A
 * missing Python or a failed install is an {@link AssertionError} that says what happened: the
 * conformance check is part of the test suite, so it fails rather than skips.
 *
 * <p>System properties: {@code v2clients.python} (interpreter that creates the venv, default {@code
 * python3}), {@code v2clients.venv} (its directory, default {@code
 * ~/.cache/modelops/v2-clients-venv}), {@code v2clients.installTimeout} (seconds, default 600).
 */
final class V2ClientsVenv {
  static final Path SCRIPTS = Path.of("src/test/python");
  static final Path REQUIREMENTS = SCRIPTS.resolve("requirements-v2-clients.txt");
  private static final String MARKER = ".modelops-v2-clients";

  /**
   * Outside the checkout, like the control plane's cache in {@code ~/.kubeapitest}: a fresh clone
   * on a machine that ran the suite before reuses it instead of downloading about 500 MB again.
   */
  static final Path DEFAULT_VENV =
      Path.of(System.getProperty("user.home"), ".cache", "modelops", "v2-clients-venv");

  private V2ClientsVenv() {}

  /** The venv's python, installing the venv first when its marker does not match. */
  static Path ensure() throws Exception {
    Path dir =
        Path.of(System.getProperty("v2clients.venv", DEFAULT_VENV.toString())).toAbsolutePath();
    String python = System.getProperty("v2clients.python", "python3");
    String key = key(python);
    Path marker = dir.resolve(MARKER);
    Path venvPython = dir.resolve("bin/python");
    if (Files.isRegularFile(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).equals(key)
        && Files.isExecutable(venvPython)) {
      return venvPython;
    }
    long timeout = Long.getLong("v2clients.installTimeout", 600);
    long started = System.nanoTime();
    deleteTree(dir);
    Path log = Files.createTempFile(RuntimeProcess.workDir("v2-venv"), "install-", ".log");
    run(List.of(python, "-m", "venv", dir.toString()), log, 120, "creating the venv");
    run(
        List.of(
            venvPython.toString(),
            "-m",
            "pip",
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "-r",
            REQUIREMENTS.toAbsolutePath().toString()),
        log,
        timeout,
        "pip install -r " + REQUIREMENTS);
    Files.writeString(marker, key, StandardCharsets.UTF_8);
    System.out.printf(
        "OfficialV2ClientsIT: installed the V2 clients into %s in %.1f s%n",
        dir, (System.nanoTime() - started) / 1e9);
    return venvPython;
  }

  /** SHA-256 of the requirements file and the interpreter's version. */
  private static String key(String python) throws Exception {
    Path log = Files.createTempFile(RuntimeProcess.workDir("v2-venv"), "python-", ".log");
    run(List.of(python, "--version"), log, 30, "finding Python (" + python + ")");
    String version = Files.readString(log, StandardCharsets.UTF_8).trim();
    if (!version.startsWith("Python 3.")) {
      throw new AssertionError(python + " --version says '" + version + "', expected Python 3");
    }
    return sha256(Files.readAllBytes(REQUIREMENTS)) + " " + version + "\n";
  }

  private static void run(List<String> cmd, Path log, long timeoutSeconds, String what)
      throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(
          "OfficialV2ClientsIT needs Python 3 with venv and pip ("
              + what
              + " failed: "
              + e.getMessage()
              + "); set -Dv2clients.python=/path/to/python3",
          e);
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          what + " took longer than " + timeoutSeconds + " s; output:\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(
          what
              + " failed with exit code "
              + p.exitValue()
              + " (the official V2 clients could not be installed; is the package index"
              + " reachable?); output:\n"
              + tail(log));
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
