package io.modelops.localcluster.kubelet;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {

  final ImageProgram runtime =
      new ImageProgram(
          List.of("java", "-jar", "/opt/x.jar"), List.of(), Map.of(), 1, 1, Map.of(), "/", true);
  final ImageCatalog catalog = new ImageCatalog().with("modelops/inference-runtime", runtime);

  @Test
  void everyTagOfARepositoryIsTheSameProgramSoTheGpuImageRunsTheRuntime() {
    assertSame(runtime, catalog.find("modelops/inference-runtime:0.1.0").orElseThrow());
    assertSame(runtime, catalog.find("modelops/inference-runtime:0.1.0-gpu").orElseThrow());
    assertSame(
        runtime, catalog.find("docker.io/modelops/inference-runtime:0.1.0-gpu").orElseThrow());
    assertSame(runtime, catalog.find("modelops/inference-runtime@sha256:abc").orElseThrow());
  }

  @Test
  void otherRepositoriesAreNotFound() {
    assertTrue(catalog.find("modelops/inference-runtime-gpu:0.1.0").isEmpty());
    assertTrue(catalog.find(null).isEmpty());
  }
}
