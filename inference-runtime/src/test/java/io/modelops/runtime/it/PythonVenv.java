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
 * A Python virtual environment made from a pinned requirements file with the package index pip is
 * configured for, and reused while its marker file holds the same key (SHA-256 of the requirements
 * file plus the interpreter's version). Used by the official V2 clients' conformance test and by
 * the benchmark's peers. A missing Python or a failed install is an {@link IllegalStateException}
 * that says what happened, what to set ({@code hint}) and ends with the install log's tail.
 */
public final class PythonVenv {

  private PythonVenv() {}

  /**
   * The venv's python in {@code dir}, (re)installing the venv first when its marker does not match.
   *
   * @param marker the marker file's name inside {@code dir}
   * @param python the interpreter that creates the venv
   * @param log where the commands' output goes
   * @param hint what to set when Python is missing (e.g. a system property)
   * @return the venv's {@code bin/python}
   */
  public static Path ensure(
      Path dir,
      String marker,
      String python,
      Path requirements,
      long installTimeoutSeconds,
      Path log,
      String hint)
      throws IOException, InterruptedException {
    String key = key(python, requirements, log, hint);
    Path markerFile = dir.resolve(marker);
    Path venvPython = dir.resolve("bin/python");
    if (Files.isRegularFile(markerFile)
        && Files.readString(markerFile, StandardCharsets.UTF_8).equals(key)
        && Files.isExecutable(venvPython)) {
      return venvPython;
    }
    deleteTree(dir);
    run(List.of(python, "-m", "venv", dir.toString()), log, 120, "creating the venv " + dir, hint);
    run(
        List.of(
            venvPython.toString(),
            "-m",
            "pip",
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "-r",
            requirements.toAbsolutePath().toString()),
        log,
        installTimeoutSeconds,
        "pip install -r " + requirements,
        hint);
    Files.writeString(markerFile, key, StandardCharsets.UTF_8);
    return venvPython;
  }

  /** SHA-256 of the requirements file and the interpreter's version. */
  public static String key(String python, Path requirements, Path log, String hint)
      throws IOException, InterruptedException {
    run(List.of(python, "--version"), log, 30, "finding Python (" + python + ")", hint);
    String version = Files.readString(log, StandardCharsets.UTF_8).trim();
    if (!version.startsWith("Python 3.")) {
      throw new IllegalStateException(
          python + " --version says '" + version + "', expected Python 3; " + hint);
    }
    return sha256(Files.readAllBytes(requirements)) + " " + version + "\n";
  }

  private static void run(List<String> cmd, Path log, long timeoutSeconds, String what, String hint)
      throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Python 3 with venv and pip is needed ("
              + what
              + " failed: "
              + e.getMessage()
              + "); "
              + hint,
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

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
