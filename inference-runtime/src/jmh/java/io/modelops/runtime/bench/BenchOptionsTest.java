package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsAndOverrides() {
    BenchOptions d = BenchOptions.parse();
    assertEquals(List.of(1, 16, 64, 256), d.batches());
    assertEquals(BenchOptions.ALL_PARTS, d.parts());
    BenchOptions o =
        BenchOptions.parse("--batches=1,64", "--duration-ms=500", "--parts=inprocess", "");
    assertEquals(List.of(1, 64), o.batches());
    assertEquals(Duration.ofMillis(500), o.duration());
    assertEquals(Set.of("inprocess"), o.parts());
    // the peers part is asked for by name only, with every peer unless --peers says otherwise
    assertEquals(false, d.parts().contains("peers"));
    assertEquals(List.of(Peer.KSERVE, Peer.MLSERVER, Peer.TRITON), d.peers());
    BenchOptions p = BenchOptions.parse("--parts=peers", "--peers=triton, KServe,triton");
    assertEquals(Set.of("peers"), p.parts());
    assertEquals(List.of(Peer.TRITON, Peer.KSERVE), p.peers());
    assertEquals(2, p.peerRounds());
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--peer-rounds=0"));
    assertEquals("", d.serverJfr());
    assertEquals("2ms", BenchOptions.parse("--server-jfr=2ms").serverJfr());
    assertEquals(false, d.pinned());
    assertEquals(2, d.inProcessClients());
    BenchOptions pinned = BenchOptions.parse("--pin=0,1");
    assertEquals(0, pinned.sutCpu());
    assertEquals(1, pinned.clientCpu());
    assertEquals(1, pinned.inProcessClients());
    assertEquals(2, pinned.clients());
  }

  @Test
  void rejectsUnknownOrMalformedOptions() {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--nope=1"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("batches"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--parts=gpu"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BenchOptions.parse("--peers=torchserve"));
    assertEquals("unknown peer 'torchserve'; known: [kserve, mlserver, triton]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--server-jfr=on"));
    for (String pin : List.of("--pin=0", "--pin=1,1", "--pin=a,b", "--pin=0,1,2", "--pin=-1,0")) {
      IllegalArgumentException p =
          assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(pin));
      assertEquals(true, p.getMessage().startsWith("--pin must be two different CPU numbers"));
    }
    assertThrows(
        IllegalArgumentException.class, () -> BenchOptions.parse("--pin=0,1", "--parts=peers"));
  }
}
