// Regenerates the runtime-*.txt fixtures next to this file from the runtime's own metrics code
// (io.modelops.runtime.metrics.RuntimeMetrics.scrape()), so the parser tests read real exposition
// text. The operator's test classpath cannot run RuntimeMetrics itself: it needs Micrometer 1.17 with
// the Prometheus client 1.x, while Quarkus pins Micrometer 1.14 with the simpleclient registry.
//
// Run from this folder after `./mvnw -pl inference-runtime -am install -DskipTests`:
//   R=~/.m2/repository
//   CP=$(ls $R/io/modelops/inference-runtime/0.1.0-SNAPSHOT/inference-runtime-0.1.0-SNAPSHOT.jar \
//     $R/io/micrometer/micrometer-{core,commons,observation,registry-prometheus}/1.17.2/*.jar \
//     $R/io/prometheus/prometheus-metrics-*/1.7.0/*.jar $R/org/hdrhistogram/HdrHistogram/2.2.2/*.jar \
//     $R/org/latencyutils/LatencyUtils/2.0.3/*.jar | tr '\n' :)
//   java -cp "$CP" GenerateRuntimeScrapes.java
import io.modelops.runtime.metrics.RuntimeMetrics;
import java.nio.file.Files;
import java.nio.file.Path;

public class GenerateRuntimeScrapes {
  public static void main(String[] args) throws Exception {
    RuntimeMetrics pod = new RuntimeMetrics("ctr", "2026-11-13");
    pod.modelReady(true);
    // start of the interval: 4 x 200 in 3 ms, 1 x 500 in 8 ms
    for (int i = 0; i < 4; i++) {
      pod.request(200, 3_000_000L);
    }
    pod.request(500, 8_000_000L);
    for (double x : new double[] {0.12, 0.49}) {
      pod.outputHistogram("score").observe(x);
    }
    pod.nonFinite("dense \"x\"\\y\nz", "nan", 2);
    Files.writeString(Path.of("runtime-start.txt"), pod.scrape());

    // during the interval: 6 x 200 (2 in 3 ms, 4 in 120 ms), 1 x 400, 1 x 500, 2 x 503
    pod.request(200, 3_000_000L);
    pod.request(200, 3_000_000L);
    for (int i = 0; i < 4; i++) {
      pod.request(200, 120_000_000L);
    }
    pod.request(400, 1_000_000L);
    pod.request(500, 8_000_000L);
    pod.request(503, 500_000L);
    pod.request(503, 500_000L);
    for (double x : new double[] {0.01, 0.5, 0.51, 0.97, 1.0, 1.0}) {
      pod.outputHistogram("score").observe(x);
    }
    Files.writeString(Path.of("runtime-end.txt"), pod.scrape());
  }
}
