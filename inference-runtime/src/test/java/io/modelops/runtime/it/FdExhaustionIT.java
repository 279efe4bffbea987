package io.modelops.runtime.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelops.runtime.testmodels.CtrRankerModel;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * "Too many open files" while accepting: the server logs it once, backs off, and serves again as
 * soon as descriptors are free. The process's descriptor limit is lowered with {@code prlimit}.
 */
class FdExhaustionIT {
  @Test
  void acceptLoopSurvivesTooManyOpenFilesAndLogsOnce() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "needs util-linux prlimit");
    Path dir = RuntimeProcess.workDir("fds");
    Path file = CtrRankerModel.forVersion("fds-it").writeTo(dir.resolve("ctr.onnx"));
    try (RuntimeProcess rt =
        RuntimeProcess.start(
                Map.of(
                    "MODEL_NAME", "ctr",
                    "MODEL_URI", file.toUri().toString(),
                    "MODEL_CACHE_DIR", dir.resolve("cache").toString()))
            .awaitReady()) {
      int port = rt.uri("/").getPort();
      long open;
      try (var fds = Files.list(Path.of("/proc/" + rt.pid() + "/fd"))) {
        open = fds.count();
      }
      long limit = open + 8;
      Process p =
          new ProcessBuilder(
                  "prlimit", "--pid", Long.toString(rt.pid()), "--nofile=" + limit + ":" + limit)
              .inheritIO()
              .start();
      assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "prlimit failed");

      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 40; i++) {
          held.add(RawHttp.connect(port, 1_000)); // the kernel queues them in the backlog
        }
        Thread.sleep(3_500); // several back-off periods with the descriptors exhausted
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      int status = -1;
      while (status != 200 && System.nanoTime() < deadline) {
        try {
          // a new connection each time: it has to be accepted
          status = RawHttp.get(port, "/v2/health/live", 1_000).status();
        } catch (IOException e) {
          status = -1;
          Thread.sleep(100);
        }
      }
      assertEquals(200, status, "the server accepts again once descriptors are free\n" + rt.logs());
      long mentions = rt.logs().lines().filter(l -> l.contains("Too many open files")).count();
      assertTrue(
          mentions >= 1 && mentions <= 2,
          "expected the accept failure logged once, got " + mentions + " lines:\n" + rt.logs());
    }
  }
}
