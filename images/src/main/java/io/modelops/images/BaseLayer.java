package io.modelops.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The base of every image, built from what this machine has, the way distroless images are: a Java
 * runtime made by {@code jlink} from the build's JDK at {@code /opt/java/openjdk}, the shared
 * libraries of a few Debian packages (glibc, libgcc, libstdc++, zlib: what the JVM and ONNX Runtime
 * load) taken from the files those installed packages list, their copyright files, and an {@code
 * /etc/passwd} and {@code /etc/group} naming the two non-root users the pods run as. No shell, no
 * package manager.
 */
public final class BaseLayer {

  /** Where the Java runtime is. */
  public static final String JAVA_HOME = "/opt/java/openjdk";

  /** The operator pods' user and group (the chart's deployment.yaml). */
  public static final int OPERATOR_UID = 185;

  /** The runtime pods' user and group (the operator's RuntimePodSpec). */
  public static final int RUNTIME_UID = 10001;

  /** Debian packages whose shared libraries the base carries. */
  public static final List<String> PACKAGES = List.of("libc6", "libgcc-s1", "libstdc++6", "zlib1g");

  /** Modules of the jlink runtime: Java SE plus what Quarkus, Netty and Jackson reach for. */
  public static final List<String> MODULES =
      List.of("java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.zipfs", "jdk.management");

  /** The fixed {@code /etc/machine-id} (32 hex digits; see {@link #build}). */
  public static final String MACHINE_ID = "6d6f64656c6f70730000000000000000";

  private static final String MULTIARCH = "x86_64-linux-gnu";
  private static final Pattern LIBRARY =
      Pattern.compile("/(usr/)?lib/" + MULTIARCH + "/[^/]+\\.so(\\.[0-9]+)*");

  private BaseLayer() {}

  /**
   * The base layer. {@code jre} is where a jlink runtime is (made there first when missing or made
   * by another JDK); {@code dpkgInfo} is the dpkg database's {@code info} folder; {@code root} is
   * the file system the packages' files are read from (normally {@code /}).
   */
  public static TarLayer build(Path jre, Path dpkgInfo, Path root) throws IOException {
    // a runtime kept from an earlier build is used only if the same JDK made it with these modules
    String stamp =
        System.getProperty("java.home")
            + " "
            + System.getProperty("java.runtime.version")
            + " "
            + String.join(",", MODULES);
    Path stampFile = jre.resolveSibling(jre.getFileName() + ".stamp");
    if (!Files.isExecutable(jre.resolve("bin/java"))
        || !Files.isRegularFile(stampFile)
        || !Files.readString(stampFile).equals(stamp)) {
      jlink(jre);
      Files.writeString(stampFile, stamp);
    }
    TarLayer layer = new TarLayer();
    layer.tree(JAVA_HOME, jre);
    layer.symlink("lib", "usr/lib");
    layer.symlink("lib64", "usr/lib64");
    layer.symlink(
        "usr/lib64/ld-linux-x86-64.so.2", "../lib/" + MULTIARCH + "/ld-linux-x86-64.so.2");
    for (String pkg : PACKAGES) {
      List<String> listed = packageFiles(dpkgInfo, pkg);
      int libraries = 0;
      for (String path : listed) {
        Path file = root.resolve(path.substring(1));
        if (LIBRARY.matcher(path).matches()) {
          String dest = path.startsWith("/usr/") ? path : "/usr" + path;
          if (Files.isSymbolicLink(file)) {
            layer.symlink(dest, Files.readSymbolicLink(file).toString());
          } else if (Files.isRegularFile(file)) {
            layer.file(dest, file, 0755);
          } else {
            continue;
          }
          libraries++;
        } else if (path.equals("/usr/share/doc/" + pkg + "/copyright")
            && Files.isRegularFile(file)) {
          layer.file(path, file, 0644);
        }
      }
      if (libraries == 0) {
        throw new IllegalStateException(
            "Debian package " + pkg + " lists no shared library under /usr/lib/" + MULTIARCH);
      }
    }
    layer.text(
        "etc/passwd",
        "root:x:0:0:root:/root:/sbin/nologin\n"
            + "modelops-operator:x:185:185:ModelOps operator:/deployments:/sbin/nologin\n"
            + "modelops:x:10001:10001:ModelOps inference runtime:/nonexistent:/sbin/nologin\n"
            + "nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n");
    layer.text(
        "etc/group", "root:x:0:\nmodelops-operator:x:185:\nmodelops:x:10001:\nnogroup:x:65534:\n");
    layer.text("etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
    // ONNX Runtime's telemetry reads /etc/machine-id and, when it is missing or empty, runs
    // "sh -c 'blkid; hostname'" through popen; with no shell in the image popen fails and the
    // library closes a NULL stream (SIGSEGV at the first OrtEnvironment). A fixed id, the same in
    // every container, keeps it off that path; it identifies nothing.
    layer.text("etc/machine-id", MACHINE_ID + "\n");
    Path osRelease = root.resolve("usr/lib/os-release");
    if (Files.isRegularFile(osRelease)) {
      layer.file("etc/os-release", osRelease, 0644);
    }
    layer.dir("root", 0700, 0, 0);
    layer.dir("tmp", 01777, 0, 0);
    for (String mountPoint : List.of("proc", "sys", "dev", "etc", "var", "usr/bin")) {
      layer.dir(mountPoint, 0755, 0, 0);
    }
    return layer;
  }

  /**
   * Labels naming what the base was built from: the JDK and each package's version, read from the
   * dpkg status file.
   */
  public static Map<String, String> labels(Path dpkgStatus) throws IOException {
    Map<String, String> versions = packageVersions(dpkgStatus);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(
        "io.modelops.image.base.jdk",
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    List<String> packages = new ArrayList<>();
    for (String pkg : PACKAGES) {
      String version = versions.get(pkg);
      if (version == null) {
        throw new IllegalStateException("Debian package " + pkg + " is not installed here");
      }
      packages.add(pkg + "=" + version);
    }
    labels.put("io.modelops.image.base.debian-packages", String.join(",", packages));
    return labels;
  }

  /**
   * Runs the build JDK's jlink, writing a stripped runtime to {@code out}. It runs as its own
   * process with a fixed environment and encoding: jlink's output depends on them (a run without
   * {@code LANG} writes a different {@code lib/modules}), and the base must not depend on who calls
   * the build.
   */
  public static void jlink(Path out) throws IOException {
    Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
    if (!Files.isExecutable(jlink)) {
      throw new IllegalStateException(jlink + " is missing: the build needs a full JDK");
    }
    OciLayout.deleteTree(out);
    Files.createDirectories(out.getParent());
    ProcessBuilder pb =
        new ProcessBuilder(
                jlink.toString(),
                "-J-Dfile.encoding=UTF-8",
                "-J-Dsun.jnu.encoding=UTF-8",
                "-J-Duser.language=en",
                "-J-Duser.country=US",
                "-J-Duser.timezone=UTC",
                "--add-modules",
                String.join(",", MODULES),
                "--strip-debug",
                "--no-man-pages",
                "--no-header-files",
                "--compress=2",
                "--output",
                out.toString())
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().put("TZ", "UTC");
    Process process = pb.start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      int rc = process.waitFor();
      if (rc != 0) {
        throw new IOException("jlink failed (" + rc + "): " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while jlink ran", e);
    }
  }

  /** The paths {@code pkg} installed, from dpkg's {@code <pkg>[:arch].list}. */
  static List<String> packageFiles(Path dpkgInfo, String pkg) throws IOException {
    for (String name : List.of(pkg + ":amd64.list", pkg + ".list")) {
      Path list = dpkgInfo.resolve(name);
      if (Files.isRegularFile(list)) {
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream().sorted().toList();
      }
    }
    throw new IllegalStateException(
        "Debian package "
            + pkg
            + " is not installed here (no "
            + pkg
            + ".list under "
            + dpkgInfo
            + "); the image base is built from the build machine's Debian packages");
  }

  static Map<String, String> packageVersions(Path status) throws IOException {
    Map<String, String> versions = new LinkedHashMap<>();
    String name = null;
    for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
      if (line.startsWith("Package: ")) {
        name = line.substring("Package: ".length()).trim();
      } else if (line.startsWith("Version: ") && name != null) {
        versions.putIfAbsent(name, line.substring("Version: ".length()).trim());
      } else if (line.isEmpty()) {
        name = null;
      }
    }
    return versions;
  }
}
