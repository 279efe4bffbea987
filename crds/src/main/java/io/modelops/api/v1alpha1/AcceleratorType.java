package io.modelops.api.v1alpha1;

/** Kinds of accelerator the runtime supports. */
public enum AcceleratorType {
  /** An NVIDIA GPU, served with the CUDA execution provider of ONNX Runtime. */
  NvidiaGpu
}
