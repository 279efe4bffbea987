package io.modelops.localcluster.kubelet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real user id of this process, read from {@code /proc/self/status}. */
final class ProcessUser {

  private ProcessUser() {}

  /** This process's real uid, or -1 when {@code /proc} cannot tell. */
  static long uid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Long.parseLong(line.substring(4).strip().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
