package io.modelops.runtime.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static ByteBuffer floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.flip();
  }

  private static float[] read(ByteBuffer b) {
    ByteBuffer d = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[d.remaining() / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.getFloat();
    }
    return out;
  }

  @Test
  void mergedShapeReplacesOnlyTheBatchDimension() {
    assertArrayEquals(new long[] {7, 8}, Batches.mergedShape(new long[] {2, 8}, 7));
    assertArrayEquals(new long[] {5}, Batches.mergedShape(new long[] {1}, 5));
  }

  @Test
  void concatThenSplitGivesEveryRequestItsOwnRows() {
    ByteBuffer a = floats(1, 2); // 1 row of 2
    ByteBuffer b = floats(3, 4, 5, 6, 7, 8); // 3 rows
    ByteBuffer c = floats(9, 10); // 1 row
    ByteBuffer merged = ByteBuffer.allocateDirect(40).order(ByteOrder.nativeOrder());
    Batches.concat(List.of(a, b, c), merged);
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, read(merged));
    assertEquals(4, a.remaining() / 2, "sources are not consumed");

    TensorData[] parts =
        Batches.split("out", Datatype.FP32, new long[] {5, 2}, merged, new long[] {1, 3, 1});
    assertEquals(3, parts.length);
    assertArrayEquals(new long[] {1, 2}, parts[0].shape());
    assertArrayEquals(new float[] {1, 2}, read(parts[0].data()));
    assertArrayEquals(new long[] {3, 2}, parts[1].shape());
    assertArrayEquals(new float[] {3, 4, 5, 6, 7, 8}, read(parts[1].data()));
    assertArrayEquals(new float[] {9, 10}, read(parts[2].data()));
  }

  @Test
  void splitRefusesOutputsThatDoNotFollowTheBatchDimension() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Batches.split(
                    "total", Datatype.FP32, new long[] {1}, floats(3), new long[] {1, 2}));
    assertTrue(e.getMessage().contains("cannot be batched"), e.getMessage());
  }
}
