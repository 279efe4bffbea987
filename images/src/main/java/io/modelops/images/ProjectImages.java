package io.modelops.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The project's images, written by the build as OCI image layouts under {@code <out>/<name>}:
 * {@code modelops-operator} (the Quarkus application) and {@code inference-runtime} (the runtime
 * jar with ONNX Runtime's native libraries unpacked, plus the example models at {@code /models}).
 * Both sit on {@link BaseLayer}. Layers: base / dependencies / application (/ models).
 *
 * <p>Usage: {@code ProjectImages <repo root> <out folder> <tag>}.
 */
public final class ProjectImages {

  /** Layout folder and repository of the operator image. */
  public static final String OPERATOR = "modelops-operator";

  /** Layout folder and repository of the CPU runtime image. */
  public static final String RUNTIME = "inference-runtime";

  /** Where the runtime image keeps the example models (examples/ctr-ranker.yaml reads them). */
  public static final String MODELS_DIR = "/models";

  /** ONNX Runtime's native libraries, unpacked so that no start extracts them to /tmp. */
  public static final String NATIVE_DIR = "/opt/modelops/native";

  private static final String JAVA = BaseLayer.JAVA_HOME + "/bin/java";
  private static final String PATH = BaseLayer.JAVA_HOME + "/bin:/usr/bin:/bin";

  private final Path repo;
  private final Path out;
  private final String tag;

  public ProjectImages(Path repo, Path out, String tag) {
    this.repo = repo;
    this.out = out;
    this.tag = tag;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: ProjectImages <repo root> <out folder> <tag>");
    }
    long start = System.nanoTime();
    Map<String, String> digests =
        new ProjectImages(Path.of(args[0]), Path.of(args[1]), args[2]).buildAll();
    digests.forEach((name, digest) -> System.out.println("[images] " + name + " " + digest));
    System.out.printf("[images] written in %.1f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Builds every image; returns layout name → manifest digest. */
  public Map<String, String> buildAll() throws IOException {
    Path work = out.resolve(".work");
    LayerBlob base = baseLayer(work);
    Map<String, String> digests = new LinkedHashMap<>();
    digests.put(OPERATOR, operator(base, work));
    digests.put(RUNTIME, runtime(base, work));
    OciLayout.deleteTree(work.resolve("blobs"));
    return digests;
  }

  /** The base layer blob (the jlink runtime is kept under {@code work/jre} between builds). */
  public LayerBlob baseLayer(Path work) throws IOException {
    TarLayer layer =
        BaseLayer.build(work.resolve("jre"), Path.of("/var/lib/dpkg/info"), Path.of("/"));
    return LayerBlob.write(layer, work.resolve("blobs"), "base: jlink Java runtime, glibc");
  }

  /** The operator image; returns its manifest digest. */
  public String operator(LayerBlob base, Path work) throws IOException {
    Path app = require(repo.resolve("operator/target/quarkus-app"), "quarkus-run.jar", "operator");
    TarLayer deps = new TarLayer().tree("/deployments/lib", app.resolve("lib"));
    TarLayer application =
        new TarLayer()
            .file("/deployments/quarkus-run.jar", app.resolve("quarkus-run.jar"), 0644)
            .tree("/deployments/app", app.resolve("app"))
            .tree("/deployments/quarkus", app.resolve("quarkus"));
    ImageConfig config =
        new ImageConfig(
            BaseLayer.OPERATOR_UID,
            BaseLayer.OPERATOR_UID,
            List.of(
                JAVA,
                "-XX:MaxRAMPercentage=75",
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp",
                "-Dvertx.cacheDirBase=/tmp/vertx",
                "-jar",
                "/deployments/quarkus-run.jar"),
            "/deployments",
            List.of(8080),
            Map.of("PATH", PATH, "JAVA_HOME", BaseLayer.JAVA_HOME, "LANG", "C.UTF-8"),
            labels("ModelOps operator", "Kubernetes operator serving ONNX ranking models"));
    Path blobs = work.resolve("blobs");
    return OciLayout.write(
        out.resolve(OPERATOR),
        "modelops/" + OPERATOR,
        tag,
        config,
        List.of(
            base,
            LayerBlob.write(deps, blobs, "dependencies: /deployments/lib"),
            LayerBlob.write(application, blobs, "application: /deployments")));
  }

  /** The CPU runtime image with the example models; returns its manifest digest. */
  public String runtime(LayerBlob base, Path work) throws IOException {
    Path target =
        require(repo.resolve("inference-runtime/target"), "inference-runtime.jar", RUNTIME);
    Path models = repo.resolve("examples/models");
    TarLayer deps = new TarLayer().tree("/opt/modelops/lib", target.resolve("lib"));
    unpackNatives(target.resolve("lib"), deps);
    deps.dir("/var/cache/modelops", 0755, BaseLayer.RUNTIME_UID, BaseLayer.RUNTIME_UID);
    TarLayer application =
        new TarLayer()
            .file(
                "/opt/modelops/inference-runtime.jar",
                target.resolve("inference-runtime.jar"),
                0644);
    TarLayer modelLayer = new TarLayer().tree(MODELS_DIR, models);
    ImageConfig config =
        new ImageConfig(
            BaseLayer.RUNTIME_UID,
            BaseLayer.RUNTIME_UID,
            List.of(
                JAVA,
                "-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-UsePerfData",
                "-Djava.io.tmpdir=/tmp",
                "-Donnxruntime.native.path=" + NATIVE_DIR,
                "-jar",
                "/opt/modelops/inference-runtime.jar"),
            "/",
            List.of(8080),
            Map.of(
                "PATH", PATH,
                "JAVA_HOME", BaseLayer.JAVA_HOME,
                "LANG", "C.UTF-8",
                "MODEL_CACHE_DIR", "/var/cache/modelops",
                "RUNTIME_PORT", "8080",
                "RUNTIME_DEVICE", "cpu"),
            labels(
                "ModelOps inference runtime (CPU)",
                "ONNX model server (Open Inference Protocol V2) with the example models in /models"));
    Path blobs = work.resolve("blobs");
    return OciLayout.write(
        out.resolve(RUNTIME),
        "modelops/" + RUNTIME,
        tag,
        config,
        List.of(
            base,
            LayerBlob.write(deps, blobs, "dependencies: /opt/modelops/lib, " + NATIVE_DIR),
            LayerBlob.write(application, blobs, "application: /opt/modelops"),
            LayerBlob.write(modelLayer, blobs, "example models: " + MODELS_DIR)));
  }

  private Map<String, String> labels(String title, String description) throws IOException {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", title);
    labels.put("org.opencontainers.image.description", description);
    labels.put("org.opencontainers.image.version", tag);
    labels.put("org.opencontainers.image.vendor", "ModelOps");
    labels.putAll(BaseLayer.labels(Path.of("/var/lib/dpkg/status")));
    return labels;
  }

  /** Adds ONNX Runtime's linux-x64 native libraries from its jar under {@code lib} to the layer. */
  static void unpackNatives(Path lib, TarLayer layer) throws IOException {
    List<Path> jars;
    try (Stream<Path> files = Files.list(lib)) {
      jars =
          files
              .filter(p -> p.getFileName().toString().matches("onnxruntime(_gpu)?-[0-9].*\\.jar"))
              .sorted()
              .toList();
    }
    if (jars.size() != 1) {
      throw new IllegalStateException(
          "expected one ONNX Runtime jar in " + lib + ", found " + jars);
    }
    String prefix = "ai/onnxruntime/native/linux-x64/";
    List<String> added = new ArrayList<>();
    try (ZipFile zip = new ZipFile(jars.get(0).toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName();
        if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(".so")) {
          try (InputStream in = zip.getInputStream(entry)) {
            layer.bytes(
                NATIVE_DIR + "/" + name.substring(prefix.length()), in.readAllBytes(), 0755);
          }
          added.add(name);
        }
      }
    }
    if (added.isEmpty()) {
      throw new IllegalStateException("no linux-x64 native library in " + jars.get(0));
    }
  }

  private static Path require(Path dir, String file, String module) {
    if (!Files.isRegularFile(dir.resolve(file))) {
      throw new IllegalStateException(
          dir.resolve(file) + " is missing: package " + module + " before building its image");
    }
    return dir;
  }
}
