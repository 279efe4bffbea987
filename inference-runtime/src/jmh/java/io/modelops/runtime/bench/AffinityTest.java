package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class AffinityTest {

  @Test
  void pinsOnlyTheCallingThread() throws Exception {
    String before = Affinity.cpusOfThisThread();
    String[] seen = new String[2];
    Thread pinned =
        new Thread(
            () -> {
              Affinity.pinThisThread(0);
              seen[0] = Affinity.cpusOfThisThread();
              // a thread started by a pinned thread inherits its CPU set
              Thread child = new Thread(() -> seen[1] = Affinity.cpusOfThisThread());
              child.start();
              try {
                child.join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    pinned.start();
    pinned.join();
    assertEquals("0", seen[0]);
    assertEquals("0", seen[1]);
    // the thread that started the pinned one keeps its own set
    assertEquals(before, Affinity.cpusOfThisThread());
    assertNotEquals("unknown", before);
  }
}
