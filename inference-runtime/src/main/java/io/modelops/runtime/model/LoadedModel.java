package io.modelops.runtime.model;

import ai.onnxruntime.OrtSession;

/** A verified, loaded model: the session, its signature, digest and the device that serves it. */
public record LoadedModel(
    OrtSession session, ModelSignature signature, String sha256, String device, long loadMillis) {}
