package io.modelops.runtime.it;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Unpacks ONNX Runtime's native libraries once per test run, so that runtime processes started by
 * the ITs load them in place ({@code -Donnxruntime.native.path}) instead of copying about 30 MB
 * into a temporary directory per start (and leaving it behind when a process is killed).
 */
final class OrtNatives {
  private static Path extracted;
  private static boolean tried;

  private OrtNatives() {}

  /** The unpacked directory, or null where the platform is not linux-x64/aarch64. */
  static synchronized Path directory(Path workRoot) {
    if (tried) {
      return extracted;
    }
    tried = true;
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String platform =
        !os.contains("linux")
            ? null
            : arch.equals("amd64") || arch.equals("x86_64")
                ? "linux-x64"
                : arch.equals("aarch64") ? "linux-aarch64" : null;
    if (platform == null) {
      return null;
    }
    try {
      Path jar =
          Path.of(OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path target = workRoot.resolve("ort-native-" + platform);
      Files.createDirectories(target);
      String prefix = "ai/onnxruntime/native/" + platform + "/";
      try (JarFile jf = new JarFile(jar.toFile())) {
        Enumeration<JarEntry> entries = jf.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (!e.isDirectory() && e.getName().startsWith(prefix)) {
            Path out = target.resolve(e.getName().substring(prefix.length()));
            if (!Files.exists(out) || Files.size(out) != e.getSize()) {
              try (InputStream in = jf.getInputStream(e)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
              }
            }
          }
        }
      }
      extracted = target;
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      extracted = null;
    }
    return extracted;
  }
}
