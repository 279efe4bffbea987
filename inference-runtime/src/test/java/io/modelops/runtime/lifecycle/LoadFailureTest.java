package io.modelops.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadFailureTest {
  @Test
  void messageIsOneLineWithThePrefixOnce() {
    assertEquals(
        "model load failed: sha256 mismatch for /m.onnx",
        LoadFailure.message("sha256 mismatch for /m.onnx"));
    assertEquals(
        "model load failed: java.lang.IllegalStateException: boom at x",
        LoadFailure.message("model load failed: java.lang.IllegalStateException: boom\n\tat x"));
    assertEquals("model load failed: unknown error", LoadFailure.message(null));
  }

  @Test
  void longMessagesAreCut() {
    String m = LoadFailure.message("x".repeat(5000));
    assertEquals(LoadFailure.MAX_CHARS, m.length());
    assertTrue(m.endsWith("..."));
  }

  @Test
  void writesTheFileAndNeverThrows(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("termination-log");
    assertTrue(LoadFailure.write(file, "model load failed: x"));
    assertEquals("model load failed: x", Files.readString(file));
    assertFalse(LoadFailure.write(dir.resolve("no/such/dir/log"), "y"));
  }
}
