package io.modelops.runtime.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.modelops.runtime.protocol.Datatype;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-worker input tensors over reusable direct buffers: ORT reads the buffer in place (no copy),
 * and a tensor is reused as long as the next request has the same shape. Not thread-safe: one arena
 * per worker thread.
 */
public final class TensorArena implements AutoCloseable {
  /** Buffers above this size are freed after each run instead of being kept for reuse. */
  static final long RETAIN_LIMIT_BYTES = 8L << 20;

  private final OrtEnvironment env;
  private final Map<String, Slot> slots = new HashMap<>();

  /** A direct buffer and the tensor that views it. */
  public static final class Slot {
    private ByteBuffer buffer;
    private ByteBuffer view;
    private OnnxTensor tensor;
    private long[] shape;
    private Datatype type;

    /** The bytes the tensor reads, position 0 to its exact byte length. */
    public ByteBuffer view() {
      return view;
    }

    public OnnxTensor tensor() {
      return tensor;
    }
  }

  public TensorArena(OrtEnvironment env) {
    this.env = env;
  }

  /** Returns a slot holding a tensor of this type and shape; its contents are undefined. */
  public Slot acquire(String name, Datatype type, long[] shape, long bytes) throws OrtException {
    Slot slot = slots.computeIfAbsent(name, n -> new Slot());
    if (slot.tensor != null && slot.type == type && Arrays.equals(slot.shape, shape)) {
      return slot;
    }
    if (slot.tensor != null) {
      slot.tensor.close();
      slot.tensor = null;
    }
    if (slot.buffer == null || slot.buffer.capacity() < bytes) {
      long capacity = Math.max(bytes, slot.buffer == null ? 256 : 2L * slot.buffer.capacity());
      slot.buffer =
          ByteBuffer.allocateDirect((int) Math.min(capacity, Integer.MAX_VALUE - 8))
              .order(ByteOrder.nativeOrder());
    }
    ByteBuffer view = slot.buffer.duplicate();
    view.clear().limit((int) bytes);
    slot.view = view.slice().order(ByteOrder.nativeOrder());
    slot.tensor = OnnxTensor.createTensor(env, slot.view, shape, type.ortType());
    slot.shape = shape.clone();
    slot.type = type;
    return slot;
  }

  /**
   * Frees slots whose buffers exceed {@link #RETAIN_LIMIT_BYTES} (one huge request must not pin
   * that much direct memory per thread for the life of the process).
   */
  public void trim() {
    for (Slot s : slots.values()) {
      if (s.buffer != null && s.buffer.capacity() > RETAIN_LIMIT_BYTES) {
        if (s.tensor != null) {
          s.tensor.close();
          s.tensor = null;
        }
        s.buffer = null;
        s.view = null;
        s.shape = null;
      }
    }
  }

  /** Closes every tensor this arena created. */
  @Override
  public void close() {
    for (Slot s : slots.values()) {
      if (s.tensor != null) {
        s.tensor.close();
        s.tensor = null;
      }
    }
    slots.clear();
  }
}
