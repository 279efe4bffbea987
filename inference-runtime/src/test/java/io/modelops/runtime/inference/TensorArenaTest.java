package io.modelops.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import io.modelops.runtime.protocol.Datatype;
import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class TensorArenaTest {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();

  @Test
  void reusesTheTensorWhileTheShapeStaysAndSeesNewData() throws Exception {
    try (TensorArena arena = new TensorArena(env)) {
      TensorArena.Slot a = arena.acquire("x", Datatype.FP32, new long[] {2, 2}, 16);
      OnnxTensor first = a.tensor();
      a.view()
          .duplicate()
          .order(java.nio.ByteOrder.nativeOrder())
          .asFloatBuffer()
          .put(new float[] {1, 2, 3, 4});
      assertArrayEquals(new float[] {1, 2, 3, 4}, floats(first));
      TensorArena.Slot b = arena.acquire("x", Datatype.FP32, new long[] {2, 2}, 16);
      assertSame(first, b.tensor(), "same shape: tensor reused");
      b.view()
          .duplicate()
          .order(java.nio.ByteOrder.nativeOrder())
          .asFloatBuffer()
          .put(new float[] {5, 6, 7, 8});
      assertArrayEquals(new float[] {5, 6, 7, 8}, floats(first), "ORT reads the buffer in place");

      TensorArena.Slot c = arena.acquire("x", Datatype.FP32, new long[] {3, 2}, 24);
      assertNotSame(first, c.tensor());
      assertArrayEquals(new long[] {3, 2}, c.tensor().getInfo().getShape());
      assertThrows(IllegalStateException.class, first::getFloatBuffer, "old tensor closed");
    }
  }

  @Test
  void trimFreesOversizedBuffers() throws Exception {
    try (TensorArena arena = new TensorArena(env)) {
      long rows = TensorArena.RETAIN_LIMIT_BYTES / 4 + 1;
      TensorArena.Slot big = arena.acquire("x", Datatype.FP32, new long[] {rows}, rows * 4);
      OnnxTensor tensor = big.tensor();
      arena.trim();
      assertThrows(IllegalStateException.class, tensor::getFloatBuffer);
      TensorArena.Slot small = arena.acquire("x", Datatype.FP32, new long[] {1}, 4);
      assertEquals(4, small.view().capacity());
    }
  }

  private static float[] floats(OnnxTensor t) {
    FloatBuffer b = t.getFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }
}
