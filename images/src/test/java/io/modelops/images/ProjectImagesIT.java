package io.modelops.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layouts the build wrote (target/images): valid OCI, the config the pods expect, the example
 * model where the chart's NOTES example reads it, and the same digests when built again.
 */
class ProjectImagesIT {

  static final Path REPO = Path.of(System.getProperty("images.repo", ".."));
  static final Path IMAGES = Path.of(System.getProperty("images.dir", "target/images"));
  static final String TAG = System.getProperty("images.tag", "0.1.0");

  static LayoutReader operator;
  static LayoutReader runtime;

  @BeforeAll
  static void read() throws IOException {
    operator = new LayoutReader(IMAGES.resolve(ProjectImages.OPERATOR));
    runtime = new LayoutReader(IMAGES.resolve(ProjectImages.RUNTIME));
  }

  @Test
  void indexNamesTheImagesTheChartDeploys() throws IOException {
    String values = Files.readString(REPO.resolve("helm/modelops-operator/values.yaml"));
    String chart = Files.readString(REPO.resolve("helm/modelops-operator/Chart.yaml"));
    assertTrue(chart.contains("appVersion: \"" + TAG + "\""), "images.tag is the appVersion");
    assertTrue(values.contains("repository: modelops/modelops-operator"), values);
    assertTrue(values.contains("runtimeImage: modelops/inference-runtime:" + TAG + "\n"), values);
    for (LayoutReader image : List.of(operator, runtime)) {
      assertEquals(
          TAG,
          image
              .index
              .path("manifests")
              .get(0)
              .path("annotations")
              .path(OciLayout.REF_NAME)
              .asText());
    }
  }

  @Test
  void operatorRunsAsTheChartUserWithoutAShell() throws IOException {
    JsonNode c = operator.config.path("config");
    assertEquals("185:185", c.path("User").asText(), "deployment.yaml runs the operator as 185");
    assertEquals("/opt/java/openjdk/bin/java", c.path("Entrypoint").get(0).asText());
    assertTrue(c.path("Entrypoint").toString().contains("/deployments/quarkus-run.jar"));
    assertTrue(c.path("Entrypoint").toString().contains("-Djava.io.tmpdir=/tmp"));
    assertTrue(c.path("ExposedPorts").has("8080/tcp"));
    assertEquals("/deployments", c.path("WorkingDir").asText());
    assertEquals("linux", operator.config.path("os").asText());
    assertEquals("amd64", operator.config.path("architecture").asText());
    assertEquals(
        "ModelOps operator", c.path("Labels").path("org.opencontainers.image.title").asText());
    Map<String, TarReader.Read> files = files(operator);
    assertTrue(files.containsKey("deployments/quarkus-run.jar"));
    assertTrue(files.containsKey("deployments/quarkus/quarkus-application.dat"));
    assertFalse(files.containsKey("bin/sh"), "no shell in the image");
    assertFalse(files.containsKey("usr/bin/sh"), "no shell in the image");
    checkBaseAndOwners(files, Map.of("tmp/", 0));
  }

  @Test
  void runtimeRunsAsTheRuntimePodUserAndCarriesTheExampleModel() throws IOException {
    JsonNode c = runtime.config.path("config");
    assertEquals("10001:10001", c.path("User").asText(), "RuntimePodSpec runs as 10001");
    assertTrue(c.path("ExposedPorts").has("8080/tcp"));
    List<String> env = new ArrayList<>();
    c.path("Env").forEach(e -> env.add(e.asText()));
    assertTrue(env.contains("MODEL_CACHE_DIR=/var/cache/modelops"), env.toString());
    assertTrue(env.contains("RUNTIME_DEVICE=cpu"), env.toString());
    assertTrue(
        c.path("Entrypoint").toString().contains("-Donnxruntime.native.path=/opt/modelops/native"));

    // the model the chart's NOTES example applies (examples/ctr-ranker.yaml) is in the image
    String example = Files.readString(REPO.resolve("examples/ctr-ranker.yaml"));
    Matcher uri = Pattern.compile("uri: file://(/\\S+)").matcher(example);
    assertTrue(uri.find(), "examples/ctr-ranker.yaml names a file:// model");
    String notes = Files.readString(REPO.resolve("helm/modelops-operator/templates/NOTES.txt"));
    assertTrue(notes.contains("examples/ctr-ranker.yaml"), "NOTES points at that example");
    Map<String, TarReader.Read> files = files(runtime);
    TarReader.Read model = files.get(uri.group(1).substring(1));
    assertNotNull(model, uri.group(1) + " is not in the runtime image");
    Path source = REPO.resolve("examples/models").resolve(Path.of(uri.group(1)).getFileName());
    assertArrayEquals(Files.readAllBytes(source), model.content());
    assertEquals(0644, model.mode());

    assertTrue(files.containsKey("opt/modelops/inference-runtime.jar"));
    assertTrue(files.containsKey("opt/modelops/native/libonnxruntime.so"));
    assertTrue(files.containsKey("opt/modelops/native/libonnxruntime4j_jni.so"));
    checkBaseAndOwners(files, Map.of("tmp/", 0, "var/cache/modelops/", 10001));
  }

  @Test
  void buildingAgainGivesTheSameDigests(@TempDir Path tmp) throws IOException {
    // a fresh jlink and fresh layers, nothing reused from the first build; the runtime image only
    // (the operator's layers go through the same code, and CI time is short)
    ProjectImages images = new ProjectImages(REPO, tmp, TAG);
    LayerBlob base = images.baseLayer(tmp.resolve("work"));
    assertEquals(operator.manifest.path("layers").get(0).path("digest").asText(), base.digest());
    String digest = images.runtime(base, tmp.resolve("work"));
    LayoutReader again = new LayoutReader(tmp.resolve(ProjectImages.RUNTIME));
    // layer by layer first, so that a difference names the layer (or the config)
    assertEquals(runtime.manifest.path("layers"), again.manifest.path("layers"));
    assertEquals(runtime.config, again.config);
    assertEquals(runtime.manifestDigest, again.manifestDigest);
    assertEquals(runtime.manifestDigest, digest);
  }

  /**
   * The base is there (JRE, glibc, users), entries have the fixed time, nothing is setuid, and only
   * {@code owners} are not root-owned (folder → uid).
   */
  private static void checkBaseAndOwners(
      Map<String, TarReader.Read> files, Map<String, Integer> owners) {
    TarReader.Read java = files.get("opt/java/openjdk/bin/java");
    assertNotNull(java, "the jlink runtime");
    assertEquals(0755, java.mode());
    assertTrue(files.containsKey("usr/lib/x86_64-linux-gnu/libc.so.6"));
    assertTrue(files.containsKey("usr/lib/x86_64-linux-gnu/libstdc++.so.6"));
    assertEquals(
        "../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
        files.get("usr/lib64/ld-linux-x86-64.so.2").link());
    String passwd = new String(files.get("etc/passwd").content());
    assertTrue(passwd.contains(":185:185:") && passwd.contains(":10001:10001:"), passwd);
    assertEquals(01777, files.get("tmp/").mode());
    for (TarReader.Read e : files.values()) {
      assertEquals(0, e.mtime(), e.name());
      assertEquals(0, e.mode() & 06000, "setuid/setgid bit on " + e.name());
      int expected = owners.getOrDefault(e.name(), 0);
      assertEquals(expected, e.uid(), "owner of " + e.name());
      assertEquals(expected, e.gid(), "group of " + e.name());
    }
  }

  /** All entries of all layers by name (a later layer's entry wins, as when unpacked). */
  private static Map<String, TarReader.Read> files(LayoutReader image) throws IOException {
    Map<String, TarReader.Read> files = new HashMap<>();
    for (int i = 0; i < image.layers.size(); i++) {
      for (TarReader.Read e : image.entries(i)) {
        files.put(e.name(), e);
      }
    }
    return files;
  }
}
