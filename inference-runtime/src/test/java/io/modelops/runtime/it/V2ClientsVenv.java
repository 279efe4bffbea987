package io.modelops.runtime.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python virtual environment with the official V2 clients (tritonclient, kserve) that {@link
 * OfficialV2ClientsIT} runs. Created on first use from {@code src/test/python/
 * requirements-v2-clients.txt} with the package index pip is configured for, and reused while its
 * marker file holds the same key (SHA-256 of the requirements file plus the Python version), by
 * {@link PythonVenv}. A missing Python or a failed install fails the test with what happened: the
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
    long timeout = Long.getLong("v2clients.installTimeout", 600);
    Path log = Files.createTempFile(RuntimeProcess.workDir("v2-venv"), "install-", ".log");
    long started = System.nanoTime();
    Path venvPython =
        PythonVenv.ensure(
            dir,
            MARKER,
            python,
            REQUIREMENTS,
            timeout,
            log,
            "set -Dv2clients.python=/path/to/python3");
    System.out.printf(
        "OfficialV2ClientsIT: the V2 clients' venv %s ready in %.1f s%n",
        dir, (System.nanoTime() - started) / 1e9);
    return venvPython;
  }
}
