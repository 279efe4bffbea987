package io.modelops.runtime;

import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.admin.AdminApi;
import io.modelops.runtime.admin.FaultState;
import io.modelops.runtime.config.ConfigException;
import io.modelops.runtime.config.Durations;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.http.HttpServer;
import io.modelops.runtime.http.RequestHandler;
import io.modelops.runtime.lifecycle.DrainState;
import io.modelops.runtime.lifecycle.LoadFailure;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.model.ModelService;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Entry point: {@code java -jar inference-runtime.jar} (configuration: docs/runtime.md). */
public final class Main {
  private Main() {}

  /**
   * Whether to turn Netty's buffer leak detector off: yes unless {@code
   * -Dio.netty.leakDetection.level} (or the older {@code io.netty.leakDetectionLevel}) sets a
   * level, which Netty then applies itself. At Netty's default level the detector records a stack
   * trace for one buffer in 128: about 2 % of the server's CPU per binary request at batch 64 in a
   * profile (docs/benchmarks.md). Tests that run the server in their own JVM keep Netty's default.
   */
  static boolean leakDetectionOff(java.util.Properties properties) {
    return properties.getProperty("io.netty.leakDetection.level") == null
        && properties.getProperty("io.netty.leakDetectionLevel") == null;
  }

  public static void main(String[] args) throws Exception {
    RuntimeConfig config;
    try {
      config = RuntimeConfig.load(System.getenv(), args);
    } catch (ConfigException e) {
      Log.error("config", e.getMessage());
      System.exit(2);
      return;
    }
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      Log.error("main", "big-endian platforms are not supported");
      System.exit(2);
    }
    if (leakDetectionOff(System.getProperties())) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    RuntimeMetrics metrics = new RuntimeMetrics(config.modelName(), config.modelVersion());
    FaultState faults = new FaultState();
    for (FaultState.Type t : FaultState.Type.values()) {
      metrics.faultGauge(t.apiName(), () -> faults.active(t) ? 1 : 0);
    }
    DrainState drain = new DrainState();
    metrics.gauge(
        "requests.in.flight", "Admitted inference requests not yet answered", drain::inFlight);
    AdminApi admin = null;
    if (config.adminEnabled()) {
      String token;
      try {
        token = Files.readString(config.adminTokenFile(), StandardCharsets.UTF_8).trim();
      } catch (IOException e) {
        Log.error(
            "config",
            "cannot read RUNTIME_ADMIN_TOKEN_FILE "
                + config.adminTokenFile()
                + ": "
                + e.getMessage());
        System.exit(2);
        return;
      }
      if (token.isEmpty()) {
        Log.error("config", "RUNTIME_ADMIN_TOKEN_FILE " + config.adminTokenFile() + " is empty");
        System.exit(2);
        return;
      }
      admin = new AdminApi(faults, token, config.adminMaxFaultDuration(), metrics);
      Log.info("admin", "fault-injection admin API enabled at /admin/faults");
    }
    OrtEnvironment env;
    try {
      env = OrtEnvironment.getEnvironment();
    } catch (RuntimeException | LinkageError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      Log.error(
          "main",
          "ONNX Runtime could not start ("
              + cause
              + "); java.io.tmpdir ("
              + System.getProperty("java.io.tmpdir")
              + ") must be writable");
      System.exit(2);
      return;
    }
    ModelService model = new ModelService(config, metrics, env);
    HttpServer server = new HttpServer(config.ioThreads());
    InetSocketAddress address;
    try {
      address =
          server.start(
              config.host(),
              config.port(),
              new io.modelops.runtime.http.HttpLimits(
                  config.maxBodyBytes(),
                  config.readTimeout(),
                  config.idleTimeout(),
                  config.maxConnections()),
              new RequestHandler(model, metrics, faults, drain, admin),
              metrics);
    } catch (Exception e) {
      Log.error(
          "http",
          "cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    Log.info("http", "listening on http://" + address.getHostString() + ":" + address.getPort());
    model.listeningOn(address);
    if (config.exitOnLoadFailure()) {
      model.loadAsync(reason -> LoadFailure.exit(config.terminationMessagePath(), reason));
    } else {
      model.loadAsync();
    }
    Shutdown shutdown = new Shutdown(config, drain, server, model);
    shutdown.install();
    // every server thread is a daemon: the main thread keeps the process alive until halt()
    new java.util.concurrent.CountDownLatch(1).await();
  }

  /** SIGTERM/SIGINT: fail readiness, finish admitted requests, stop within the grace period. */
  private record Shutdown(
      RuntimeConfig config, DrainState drain, HttpServer server, ModelService model) {
    void install() {
      sun.misc.SignalHandler handler = sig -> new Thread(this::drainAndExit, "drain").start();
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), handler);
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
    }

    void drainAndExit() {
      if (drain.draining()) {
        return;
      }
      long start = System.nanoTime();
      drain.startDraining();
      Log.info(
          "drain",
          "signal received: readiness now fails; draining "
              + drain.inFlight()
              + " in-flight requests (grace "
              + Durations.format(config.drainGrace())
              + ")");
      boolean clean;
      try {
        clean = drain.awaitIdle(config.drainGrace());
      } catch (InterruptedException e) {
        clean = false;
      }
      server.close();
      model.close();
      long ms = (System.nanoTime() - start) / 1_000_000;
      Log.info(
          "drain",
          (clean ? "drained" : "grace period over")
              + ": admitted="
              + drain.admitted()
              + " completed="
              + drain.completed()
              + " abandoned="
              + drain.inFlight()
              + " in "
              + ms
              + " ms");
      // exit (not halt) so that ONNX Runtime's temporary native-library copies are deleted
      System.exit(clean ? 0 : 1);
    }
  }
}
