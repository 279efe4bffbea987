package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerVenvTest {

  @TempDir Path dir;

  @Test
  void everyPeerHasItsScriptAndFullyPinnedRequirements() throws Exception {
    for (Peer peer : Peer.values()) {
      assertTrue(Files.isRegularFile(PeerVenv.SCRIPTS.resolve(peer.script)), peer.script);
      List<String> lines = Files.readAllLines(PeerVenv.SCRIPTS.resolve(peer.requirements()));
      List<String> pins = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
      assertTrue(pins.size() > 10, peer.requirements());
      for (String pin : pins) {
        assertTrue(pin.matches("[A-Za-z0-9_.\\-]+==[A-Za-z0-9_.+\\-]+"), peer.id + ": " + pin);
      }
      assertTrue(
          pins.stream().anyMatch(p -> p.equals("onnxruntime==1.32.0")),
          peer.id + " runs the model with the pinned onnxruntime");
    }
  }

  @Test
  void theVenvKeyFollowsTheRequirementsFile() throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "numpy==2.4.6\n");
    Path b = Files.writeString(dir.resolve("b.txt"), "numpy==2.4.5\n");
    Path log = dir.resolve("log");
    String keyA = PeerVenv.key("python3", a, log);
    assertTrue(keyA.contains(" Python 3."), keyA);
    assertNotEquals(keyA, PeerVenv.key("python3", b, log));
  }

  @Test
  void aMissingPythonSaysWhatToSet() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                PeerVenv.key(
                    dir.resolve("no-python").toString(),
                    Files.writeString(dir.resolve("r.txt"), ""),
                    dir.resolve("log")));
    assertTrue(e.getMessage().contains("--peers-python"), e.getMessage());
  }
}
