package io.modelops.runtime.monitor;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modelops.runtime.Log;
import io.modelops.runtime.config.ModelUris;
import io.modelops.runtime.model.ModelSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Finds the reference profile, builds the {@link InputMonitor} and exports its metrics. */
public final class Monitoring {
  static final String PREFIX = "modelops.runtime.";

  /** Largest profile file read. */
  static final long MAX_PROFILE_BYTES = 4 << 20;

  private Monitoring() {}

  /**
   * Where the profile is: {@code MODEL_PROFILE} when set, else next to a local model file ({@code
   * x.onnx} → {@code x.profile.json}); null when there is none to look for.
   */
  public static Path profilePath(Path configured, String modelUri) {
    if (configured != null) {
      return configured;
    }
    if (ModelUris.isRemote(modelUri)) {
      return null;
    }
    Path model = ModelUris.localPath(modelUri);
    String file = model.getFileName().toString();
    String stem = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) : file;
    return model.resolveSibling(stem + ".profile.json");
  }

  /**
   * The monitor for this model, registered in {@code registry}, or null (monitoring off; the log
   * says why, once). A configured profile that cannot be read or parsed is logged as an error and
   * also leaves monitoring off: it never stops the model from serving.
   */
  public static InputMonitor start(
      Path configured,
      String modelUri,
      ModelSignature signature,
      MeterRegistry registry,
      Tags tags) {
    Path path = profilePath(configured, modelUri);
    if (path == null || (configured == null && !Files.isRegularFile(path))) {
      Log.info(
          "monitor",
          "input monitoring off: no reference profile (MODEL_PROFILE unset"
              + (path == null ? "" : ", no " + path)
              + ")");
      return null;
    }
    ReferenceProfile profile;
    try {
      if (Files.size(path) > MAX_PROFILE_BYTES) {
        throw new IllegalArgumentException("larger than " + MAX_PROFILE_BYTES + " bytes");
      }
      profile = ReferenceProfile.parse(Files.readAllBytes(path));
    } catch (IOException | IllegalArgumentException e) {
      Log.error("monitor", "input monitoring off: cannot use the profile " + path + ": " + e);
      return null;
    }
    InputMonitor monitor =
        InputMonitor.create(
            profile,
            signature,
            System::currentTimeMillis,
            InputMonitor.DEFAULT_BUCKET,
            InputMonitor.DEFAULT_BUCKETS);
    if (monitor == null) {
      Log.warn("monitor", "input monitoring off: nothing in " + path + " fits the model");
      return null;
    }
    bind(monitor, registry, tags);
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "monitor-window");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleAtFixedRate(monitor::tick, 1, 1, TimeUnit.SECONDS);
    StringBuilder what = new StringBuilder();
    for (TrackedTensor t : monitor.tracked()) {
      what.append(what.length() == 0 ? "" : ", ")
          .append(t.name())
          .append(" (")
          .append(t.features())
          .append(t.features() == 1 ? " feature)" : " features)");
    }
    Log.info(
        "monitor",
        "input monitoring on: profile "
            + path
            + " ("
            + profile.rows()
            + " reference rows), monitoring "
            + what
            + ", window "
            + (InputMonitor.DEFAULT_BUCKETS - 1)
            + "-"
            + InputMonitor.DEFAULT_BUCKETS
            + " x "
            + InputMonitor.DEFAULT_BUCKET.toSeconds()
            + "s");
    return monitor;
  }

  /** Registers the monitor's series (names in docs/runtime.md, "Input monitoring"). */
  public static void bind(InputMonitor monitor, MeterRegistry registry, Tags tags) {
    for (TrackedTensor t : monitor.tracked()) {
      for (int f = 0; f < t.features(); f++) {
        int feature = f;
        if (t.output) {
          Gauge.builder(PREFIX + "output.psi", monitor, m -> m.psi(t, feature))
              .description(
                  "Population stability index of the output score over the monitoring window")
              .tags(tags)
              .tag("output", t.name())
              .register(registry);
          continue;
        }
        Tags ft = tags.and("input", t.name(), "feature", Integer.toString(t.column(f)));
        Gauge.builder(PREFIX + "input.psi", monitor, m -> m.psi(t, feature))
            .description(
                "Population stability index of an input feature over the monitoring window")
            .tags(ft)
            .register(registry);
        for (String side : new String[] {"below", "above"}) {
          int cell = side.equals("below") ? TrackedTensor.BELOW : TrackedTensor.ABOVE;
          FunctionCounter.builder(
                  PREFIX + "input.out.of.range", monitor, m -> m.total(t, feature, cell))
              .description("Input values below the training minimum or above the maximum")
              .tags(ft)
              .tag("side", side)
              .register(registry);
        }
        for (String kind : new String[] {"nan", "inf"}) {
          int cell = kind.equals("nan") ? TrackedTensor.NAN : TrackedTensor.INF;
          FunctionCounter.builder(PREFIX + "input.missing", monitor, m -> m.total(t, feature, cell))
              .description("Missing (NaN) and infinite input values that reached the model")
              .tags(ft)
              .tag("kind", kind)
              .register(registry);
        }
      }
    }
    Gauge.builder(PREFIX + "monitor.window.rows", monitor, InputMonitor::windowRows)
        .description("Rows inside the input-monitoring window")
        .tags(tags)
        .register(registry);
  }
}
