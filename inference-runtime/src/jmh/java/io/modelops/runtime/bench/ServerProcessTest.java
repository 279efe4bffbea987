package io.modelops.runtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerProcessTest {

  @Test
  void countsRunningAndQueuedCompilationsInJcmdOutput() {
    String idle =
        "17869:\nCurrent compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
    assertEquals(0, ServerProcess.compilationsIn(idle));
    String busy =
        "42:\nCurrent compiles: \nC2 CompilerThread0  1234   4   a.B::c (120 bytes)\n\n"
            + "C1 compile queue:\nEmpty\n\nC2 compile queue:\n1240   4   d.E::f (77 bytes)\n"
            + "1241   4   d.E::g (12 bytes)\n";
    assertEquals(3, ServerProcess.compilationsIn(busy));
    assertEquals(-1, ServerProcess.compilationsIn("42:\nCould not attach\n"));
  }
}
