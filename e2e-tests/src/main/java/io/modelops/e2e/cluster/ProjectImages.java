package io.modelops.e2e.cluster;

import io.modelops.localcluster.kubelet.ImageCatalog;
import io.modelops.localcluster.kubelet.ImageProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project's images as the process kubelet runs them: what each Dockerfile would put in the
 * image, taken from the build output instead. {@code modelops/inference-runtime} is the runtime jar
 * and its libraries at {@code /opt/modelops} (as in inference-runtime/Dockerfile) plus the example
 * models at {@code /models} (what a model volume or an image with baked-in models would hold);
 * {@code modelops/modelops-operator} is the Quarkus application at {@code /deployments} (as in
 * operator/src/main/docker/Dockerfile). The GPU (CUDA) runtime image, {@link #RUNTIME_GPU_IMAGE},
 * is another tag of the same repository and runs the same runtime jar: this machine has no CUDA, so
 * a GPU ModelDeployment's runtime serves on the CPU (and says so in its metrics).
 */
public final class ProjectImages {

  /** The runtime image repository (the operator's default runtime image). */
  public static final String RUNTIME = "modelops/inference-runtime";

  /** The operator's default image for GPU ModelDeployments (same repository, another tag). */
  public static final String RUNTIME_GPU_IMAGE = RUNTIME + ":0.1.0-gpu";

  /** The operator image repository (the chart's default). */
  public static final String OPERATOR = "modelops/modelops-operator";

  private static final String SERVICE_ACCOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";

  private ProjectImages() {}

  /** The catalog for the build output under {@code repo}; fails if something is not built. */
  public static ImageCatalog catalog(Path repo) {
    Path runtime = repo.resolve("inference-runtime/target");
    Path operator = repo.resolve("operator/target/quarkus-app");
    require(
        runtime.resolve("inference-runtime.jar"),
        "./mvnw -B -pl inference-runtime -am -DskipTests package");
    require(operator.resolve("quarkus-run.jar"), "./mvnw -B -pl operator -am -DskipTests package");
    return new ImageCatalog()
        .with(
            RUNTIME,
            new ImageProgram(
                List.of(
                    "java",
                    "-XX:MaxRAMPercentage=75",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:-UsePerfData",
                    "-Djava.io.tmpdir=/tmp",
                    "-jar",
                    "/opt/modelops/inference-runtime.jar"),
                List.of(),
                Map.of(
                    "/opt/modelops/inference-runtime.jar", runtime.resolve("inference-runtime.jar"),
                    "/opt/modelops/lib", runtime.resolve("lib"),
                    "/models", repo.resolve("examples/models")),
                10001,
                10001,
                Map.of(
                    "MODEL_CACHE_DIR", "/var/cache/modelops",
                    "RUNTIME_PORT", "8080",
                    "RUNTIME_DEVICE", "cpu"),
                "/",
                true,
                "RUNTIME_PORT"))
        .with(
            OPERATOR,
            new ImageProgram(
                List.of(
                    "sh",
                    "-c",
                    "exec java $JAVA_OPTS_APPEND -Djava.io.tmpdir=/tmp"
                        + " -Dvertx.cacheDirBase=/tmp/vertx -jar /deployments/quarkus-run.jar"),
                List.of(),
                Map.of("/deployments", operator),
                185,
                185,
                Map.of(
                    "JAVA_OPTS_APPEND",
                    "-XX:MaxRAMPercentage=75",
                    // The client's defaults, named so a kubelet without a private root (shared-
                    // address mode) can point them at the pod's service-account files.
                    "KUBERNETES_AUTH_SERVICEACCOUNT_TOKEN",
                    SERVICE_ACCOUNT + "/token",
                    "KUBERNETES_CERTS_CA_FILE",
                    SERVICE_ACCOUNT + "/ca.crt",
                    "QUARKUS_HTTP_PORT",
                    "8080"),
                "/deployments",
                true,
                "QUARKUS_HTTP_PORT"));
  }

  private static void require(Path file, String build) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(file + " is missing: build it first with " + build);
    }
  }
}
