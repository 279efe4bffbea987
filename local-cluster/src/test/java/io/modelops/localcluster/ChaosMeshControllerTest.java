package io.modelops.localcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosMeshControllerTest {

  @Test
  void everyKindsRecordsControllerIsEnabledButOnlyPodChaosGetsItsSteps() {
    var crds =
        List.of(
            Path.of("crds/chaos-mesh.org_awschaos.yaml"),
            Path.of("crds/chaos-mesh.org_podchaos.yaml"),
            Path.of("crds/chaos-mesh.org_workflows.yaml"));
    assertEquals(
        List.of(
            "awschaos-records",
            "podchaos-records",
            "workflows-records",
            "podchaos-initFinalizers",
            "podchaos-desiredphase",
            "podchaos-condition",
            "podchaos-cleanFinalizers"),
        List.of(ChaosMeshController.enabledControllers(crds).split(",")));
  }

  @Test
  void withoutTheBuildTheReasonNamesTheScript(@TempDir Path root) {
    var reason = ChaosMeshController.unavailableReason(root).orElseThrow();
    assertTrue(reason.contains("chaos-mesh.properties is missing"), reason);
    assertTrue(reason.contains(ChaosMeshController.BUILD_COMMAND), reason);
  }

  @Test
  void aRecordedBuildWithoutItsBinaryIsRefused(@TempDir Path root) throws Exception {
    Path dir = Files.createDirectories(root.resolve("chaos-mesh/v1.2.3/crds"));
    Files.writeString(
        root.resolve("chaos-mesh/" + ChaosMeshController.PROPERTIES),
        "version=v1.2.3\ndir=" + dir.getParent() + "\n");
    var e = assertThrows(IllegalStateException.class, () -> ChaosMeshController.find(root));
    assertTrue(e.getMessage().contains("chaos-controller-manager"), e.getMessage());

    Path binary = dir.getParent().resolve("chaos-controller-manager");
    Files.writeString(binary, "#!/bin/sh\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        dir.resolve("chaos-mesh.org_podchaos.yaml"), "kind: CustomResourceDefinition");
    var install = ChaosMeshController.find(root);
    assertEquals("v1.2.3", install.version());
    assertEquals(binary, install.binary());
    assertEquals(List.of(dir.resolve("chaos-mesh.org_podchaos.yaml")), install.crds());
    assertFalse(ChaosMeshController.unavailableReason(root).isPresent());
  }
}
