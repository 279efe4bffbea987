package io.modelops.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU pinning with {@code taskset} (Linux), for {@code --pin}: the system under test on one core,
 * the load generator on another, so that the in-process baseline and the server get the same
 * compute budget and the client's cost stays outside it.
 */
final class Affinity {

  private Affinity() {}

  /** The command prefix that starts a process pinned to {@code cpu}. */
  static List<String> launchPrefix(int cpu) {
    return List.of("taskset", "-c", Integer.toString(cpu));
  }

  /** Pins every thread of process {@code pid} (new threads inherit it from their creator). */
  static void pinProcess(long pid, int cpu) {
    taskset(List.of("-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid)));
  }

  /** Pins the calling thread only. */
  static void pinThisThread(int cpu) {
    taskset(List.of("-p", "-c", Integer.toString(cpu), Long.toString(thisThreadId())));
  }

  /** The calling thread's kernel id, from {@code /proc/thread-self} ({@code <pid>/task/<tid>}). */
  static long thisThreadId() {
    try {
      Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
      return Long.parseLong(self.getFileName().toString());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("--pin needs Linux (/proc/thread-self): " + e, e);
    }
  }

  /** The CPUs the calling thread may run on, as {@code taskset} prints them (e.g. {@code 0}). */
  static String cpusOfThisThread() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
        if (line.startsWith("Cpus_allowed_list:")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
      return "unknown";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void taskset(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("taskset");
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("--pin needs taskset (util-linux): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pinning", e);
    }
  }
}
