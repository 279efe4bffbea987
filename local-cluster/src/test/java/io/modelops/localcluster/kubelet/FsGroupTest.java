package io.modelops.localcluster.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fsGroup} and {@code supplementalGroups}, as a kubelet applies them to volumes. */
class FsGroupTest {

  @Test
  void aSecretFileOfMode0440BecomesReadableByTheFsGroup(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "s3cret");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));

    PodVolumes.groupOwn(dir, 65532, false);

    assertEquals(65532, Files.getAttribute(file, "unix:gid"));
    assertEquals(0440, (Integer) Files.getAttribute(file, "unix:mode") & 07777);
    int dirMode = (Integer) Files.getAttribute(dir, "unix:mode") & 07777;
    assertEquals(02050, dirMode & 02050, "group r-x and set-group-ID on the folder");
  }

  @Test
  void anEmptyDirIsGroupWritable(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("scratch");
    Files.writeString(file, "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    PodVolumes.groupOwn(dir, 2000, true);

    assertEquals(0660, (Integer) Files.getAttribute(file, "unix:mode") & 07777);
    assertTrue(((Integer) Files.getAttribute(dir, "unix:mode") & 070) == 070);
  }

  @Test
  void theProcessGetsFsGroupAndSupplementalGroupsElseNone() {
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .withNewSecurityContext()
            .withFsGroup(65532L)
            .withSupplementalGroups(List.of(3000L, 65532L))
            .endSecurityContext()
            .endSpec()
            .build();
    assertEquals(List.of(65532L, 3000L, 65532L), PodVolumes.supplementaryGroups(pod));
    assertEquals(
        "--groups=65532,3000", RootfsScript.groupsOption(PodVolumes.supplementaryGroups(pod)));
    assertEquals("--clear-groups", RootfsScript.groupsOption(List.of()));
    assertEquals(
        List.of(),
        PodVolumes.supplementaryGroups(new PodBuilder().withNewSpec().endSpec().build()));
  }
}
