package io.modelops.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jvm_*} and {@code process_*} metrics: Micrometer's JVM binders (heap and non-heap memory,
 * GC pauses, threads, classes), CPU, uptime and file descriptors, plus the two Prometheus-client
 * conventions Micrometer has no binder for, read from {@code /proc/self} on Linux: {@code
 * process_resident_memory_bytes} (VmRSS) and {@code process_open_fds}.
 */
final class ProcessMetrics {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Path FDS = Path.of("/proc/self/fd");

  private ProcessMetrics() {}

  /** Binds everything to {@code registry}, each series with {@code tags}. */
  static void bind(MeterRegistry registry, Tags tags) {
    new JvmMemoryMetrics(tags).bindTo(registry);
    // registers GC notification listeners for the life of the process (one registry per process)
    new JvmGcMetrics(tags).bindTo(registry);
    new JvmThreadMetrics(tags).bindTo(registry);
    new ClassLoaderMetrics(tags).bindTo(registry);
    new ProcessorMetrics(tags).bindTo(registry);
    new UptimeMetrics(tags).bindTo(registry);
    new FileDescriptorMetrics(tags).bindTo(registry);
    if (Files.isReadable(STATUS)) {
      Gauge.builder("process.resident.memory", ProcessMetrics::residentBytes)
          .description("Resident set size (VmRSS of /proc/self/status)")
          .baseUnit("bytes")
          .tags(tags)
          .register(registry);
    }
    if (Files.isDirectory(FDS)) {
      Gauge.builder("process.open.fds", ProcessMetrics::openFds)
          .description("Open file descriptors (entries of /proc/self/fd)")
          .tags(tags)
          .register(registry);
    }
  }

  static double residentBytes() {
    try {
      return vmRssBytes(Files.readAllLines(STATUS));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** VmRSS in bytes from the lines of {@code /proc/<pid>/status}, NaN when absent. */
  static double vmRssBytes(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] parts = line.substring(6).trim().split("\\s+");
        return Long.parseLong(parts[0]) * 1024.0; // always in kB
      }
    }
    return Double.NaN;
  }

  static double openFds() {
    int n = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(FDS)) {
      for (Path ignored : entries) {
        n++;
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return n - 1; // the directory stream's own descriptor
  }
}
