package io.modelops.runtime.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.modelops.runtime.Log;
import io.modelops.runtime.config.RuntimeConfig;

/** Fetches, verifies and opens the configured model with the configured session options. */
public final class ModelLoader {
  private final RuntimeConfig config;
  private final OrtEnvironment env;

  public ModelLoader(RuntimeConfig config, OrtEnvironment env) {
    this.config = config;
    this.env = env;
  }

  /** Loads the model; never leaves a half-open session behind. */
  public LoadedModel load() throws ModelLoadException {
    long start = System.nanoTime();
    ModelFetcher.Fetched file =
        new ModelFetcher(config.cacheDir())
            .fetch(
                config.modelUri(),
                config.modelSha256(),
                config.modelName() + "-" + config.modelVersion());
    if (config.modelSha256() == null) {
      Log.warn("model", "MODEL_SHA256 is not set: loading " + file.path() + " unverified");
    } else {
      Log.info("model", "sha256 verified for " + file.path());
    }
    // before ONNX Runtime parses a byte of it
    SignatureVerifier.of(config).verify(file.path());
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      String device = configure(options);
      OrtSession session;
      try {
        session = env.createSession(file.path().toString(), options);
      } catch (OrtException e) {
        throw new ModelLoadException(
            "invalid_model",
            "ONNX Runtime could not load " + file.path() + ": " + e.getMessage(),
            e);
      }
      try {
        ModelSignature signature = ModelSignature.of(session);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new LoadedModel(session, signature, file.sha256(), device, millis);
      } catch (OrtException | RuntimeException e) {
        closeQuietly(session);
        throw new ModelLoadException("invalid_model", "unusable model: " + e.getMessage(), e);
      }
    } catch (OrtException e) {
      throw new ModelLoadException("load_failed", "session options failed: " + e.getMessage(), e);
    }
  }

  /** Applies threads, optimisation level, arena and execution provider; returns the device. */
  private String configure(OrtSession.SessionOptions options) throws OrtException {
    if (config.intraOpThreads() > 0) {
      options.setIntraOpNumThreads(config.intraOpThreads());
    }
    if (config.interOpThreads() > 0) {
      options.setInterOpNumThreads(config.interOpThreads());
    }
    options.setOptimizationLevel(
        switch (config.optLevel()) {
          case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
          case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
          case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
          case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
    options.setCPUArenaAllocator(config.cpuArena());
    if (config.device() == RuntimeConfig.Device.CUDA) {
      if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
        Log.warn(
            "model",
            "RUNTIME_DEVICE=cuda but this ONNX Runtime build has no CUDA execution provider"
                + " (build with -Pgpu); serving on CPU");
        return "cpu";
      }
      try {
        options.addCUDA(config.deviceId());
        Log.info("model", "CUDA execution provider enabled on device " + config.deviceId());
        return "cuda";
      } catch (OrtException e) {
        Log.warn(
            "model",
            "CUDA execution provider failed to start (" + e.getMessage() + "); serving on CPU");
        return "cpu";
      }
    }
    return "cpu";
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException e) {
      Log.warn("model", "closing session failed: " + e.getMessage());
    }
  }
}
