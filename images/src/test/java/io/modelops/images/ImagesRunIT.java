package io.modelops.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the images the build wrote, as a container runtime would: layers unpacked with GNU tar, the
 * root made read-only in a private mount namespace, tmpfs at the paths the pods mount emptyDirs on
 * ({@code /tmp}; {@code /var/cache/modelops} for the runtime), then the image's own entrypoint,
 * environment and {@code uid:gid} through chroot. Needs root (mount namespaces).
 */
class ImagesRunIT {

  private static final String MOUNT_AND_RUN =
      "set -e; R=$1; U=$2; G=$3; shift 3;"
          + " mount --bind \"$R\" \"$R\"; mount -o remount,bind,ro \"$R\";"
          + " mount -t tmpfs -o size=64m,mode=1777 tmpfs \"$R/tmp\";"
          + " if [ -d \"$R/var/cache/modelops\" ]; then"
          + "   mount -t tmpfs -o size=64m,mode=0755,uid=$U,gid=$G tmpfs \"$R/var/cache/modelops\";"
          + " fi;"
          + " mount -t proc proc \"$R/proc\"; mount --rbind /sys \"$R/sys\";"
          + " mount --rbind /dev \"$R/dev\";"
          + " exec /usr/sbin/chroot --userspec=$U:$G \"$R\" \"$@\"";

  @Test
  void runtimeServesTheExampleModelFromAReadOnlyRootAsItsOwnUser(@TempDir Path tmp)
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = tmp.resolve("runtime.log");
    Process process =
        start(
            ProjectImages.RUNTIME,
            tmp,
            log,
            Map.of(
                "MODEL_NAME", "ctr",
                "MODEL_URI", "file:///models/ctr-ranker-2026-11-13.onnx",
                "MODEL_SHA256", "afde85ac86be85ee240fb0acc4e9c02203dd717fb1ef917185d4a9cdf361df13",
                "RUNTIME_PORT", Integer.toString(port)));
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI base = URI.create("http://127.0.0.1:" + port);
      int ready = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (ready != 200 && System.nanoTime() < deadline && process.isAlive()) {
        try {
          ready =
              http.send(
                      HttpRequest.newBuilder(base.resolve("/v2/health/ready")).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode();
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertEquals(200, ready, "readiness; log:\n" + Files.readString(log));

      String body =
          "{\"id\":\"q1\",\"inputs\":["
              + "{\"name\":\"item_ids\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[17,4242]},"
              + "{\"name\":\"dense\",\"datatype\":\"FP32\",\"shape\":[2,8],\"data\":"
              + "[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0,0,0,0,0,0,0,1]}]}";
      HttpResponse<String> infer =
          http.send(
              HttpRequest.newBuilder(base.resolve("/v2/models/ctr/infer"))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, infer.statusCode(), infer.body());
      JsonNode out = LayoutReader.JSON.readTree(infer.body()).path("outputs").get(0);
      assertEquals("score", out.path("name").asText());
      assertEquals("[2,1]", out.path("shape").toString());
      assertEquals(2, out.path("data").size());
      String written = Files.readString(log);
      assertTrue(written.contains("device=cpu"), written);
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void operatorStartsItsControllersFromAReadOnlyRootAsItsOwnUser(@TempDir Path tmp)
      throws Exception {
    // no API server here: nothing listens on port 1, so the informers retry; the JVM, Quarkus and
    // the operator SDK have started by the time the controllers start
    Path log = tmp.resolve("operator.log");
    Process process =
        start(
            ProjectImages.OPERATOR,
            tmp,
            log,
            Map.of("KUBERNETES_MASTER", "https://127.0.0.1:1", "QUARKUS_HTTP_PORT", "0"));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String written = "";
      while (!written.contains("Starting 'modeldeployment' controller")
          && System.nanoTime() < deadline
          && process.isAlive()) {
        Thread.sleep(100);
        written = Files.readString(log);
      }
      assertTrue(written.contains("Starting 'modeldeployment' controller"), written);
      assertFalse(written.contains("Read-only file system"), written);
    } finally {
      // SIGKILL: with no API server its informers keep retrying, and a SIGTERM takes the
      // pod's grace period to end it; what is tested here is the start
      process.destroyForcibly().waitFor();
    }
  }

  /** Unpacks {@code name}'s layout under {@code tmp} and starts its entrypoint as its user. */
  private static Process start(String name, Path tmp, Path log, Map<String, String> extraEnv)
      throws Exception {
    assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "needs root for a mount namespace, bind mounts and chroot");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/unshare"))
            && Files.isExecutable(Path.of("/usr/sbin/chroot")),
        "needs util-linux unshare and coreutils chroot");
    LayoutReader image = new LayoutReader(ProjectImagesIT.IMAGES.resolve(name));
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    for (Path layer : image.layers) {
      run(List.of("tar", "-xzf", layer.toString(), "-C", root.toString()));
    }
    JsonNode config = image.config.path("config");
    String[] user = config.path("User").asText().split(":");
    List<String> command =
        new ArrayList<>(
            List.of(
                "/usr/bin/unshare",
                "-m",
                "--propagation",
                "private",
                "/bin/sh",
                "-c",
                MOUNT_AND_RUN,
                "sh",
                root.toString(),
                user[0],
                user[1]));
    config.path("Entrypoint").forEach(a -> command.add(a.asText()));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    config
        .path("Env")
        .forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().split("=", 2)[1]));
    env.putAll(extraEnv);
    return pb.start();
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), command + ": " + out);
  }
}
