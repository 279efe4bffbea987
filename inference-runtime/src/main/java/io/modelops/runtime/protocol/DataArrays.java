package io.modelops.runtime.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The flat number arrays of a JSON request's {@code "data"} fields, cut out of the text so that
 * Jackson parses only the request's structure ({@link #structure()}, where each such array is
 * {@code []}) and {@link FlatNumbers} reads the numbers from the original bytes.
 *
 * <p>Found by one pass over the bytes that knows JSON strings (so a {@code "data"} inside a string
 * is never taken) and cuts only arrays that {@link FlatNumbers} reads: valid flat arrays of
 * numbers, so the structure is valid JSON exactly when the request is. The same pass converts the
 * numbers; {@link #tensor} turns them into an input's bytes once its datatype is known.
 */
final class DataArrays {
  private static final int[] NONE = new int[0];

  private final byte[] structure;
  private final int structureLength;

  /**
   * Per cut array, {@value #FIELDS} ints: its {@code [} in the structure, its start and end in the
   * original, where its values start in {@link #numbers}, how many, and 1 when all are integers.
   */
  private final int[] cuts;

  private static final int FIELDS = 6;

  private final int count;
  private final FlatNumbers numbers;

  /** The first cut that {@link #at} has not passed yet. */
  private int next;

  private DataArrays(
      byte[] structure, int structureLength, int[] cuts, int count, FlatNumbers numbers) {
    this.structure = structure;
    this.structureLength = structureLength;
    this.cuts = cuts;
    this.count = count;
    this.numbers = numbers;
  }

  /**
   * Finds the arrays to cut in {@code json[0..length)}.
   *
   * @param maxArrays at most this many arrays are cut (the request's input limit)
   * @param maxValues at most this many numbers are read (and held, 8 bytes each)
   * @return null when there is none, when there are more than {@code maxArrays} or they hold more
   *     than {@code maxValues} numbers, or when the text is malformed (in each case the plain
   *     parser decodes or rejects the request)
   */
  static DataArrays find(byte[] json, int length, int maxArrays, int maxValues) {
    int[] found = NONE; // per array: start, end (exclusive) in json, first value, all integers
    int n = 0;
    FlatNumbers numbers = new FlatNumbers(json, length, maxValues);
    int i = 0;
    while (i < length) {
      if (json[i] != '"') {
        i++;
        continue;
      }
      int close = stringEnd(json, i + 1, length);
      if (close < 0) {
        return null;
      }
      if (close - i == 5
          && json[i + 1] == 'd'
          && json[i + 2] == 'a'
          && json[i + 3] == 't'
          && json[i + 4] == 'a') {
        int j = FlatNumbers.skipSpace(json, close + 1, length);
        if (j < length && json[j] == ':') {
          j = FlatNumbers.skipSpace(json, j + 1, length);
          int first = numbers.size();
          int end = j < length && json[j] == '[' ? numbers.array(j) : -1;
          if (end < 0 && numbers.full()) {
            return null;
          }
          if (end > j + 2) {
            if (n == maxArrays) {
              return null;
            }
            if (4 * n + 4 > found.length) {
              found = Arrays.copyOf(found, Math.max(16, found.length * 2));
            }
            found[4 * n] = j;
            found[4 * n + 1] = end;
            found[4 * n + 2] = first;
            found[4 * n + 3] = numbers.allIntegers() ? 1 : 0;
            n++;
            i = end;
            continue;
          }
        }
      }
      i = close + 1;
    }
    if (n == 0) {
      return null;
    }
    int removed = 0;
    for (int k = 0; k < n; k++) {
      removed += found[4 * k + 1] - found[4 * k] - 2;
    }
    byte[] structure = new byte[length - removed];
    int[] cuts = new int[FIELDS * n];
    int from = 0;
    int to = 0;
    for (int k = 0; k < n; k++) {
      int start = found[4 * k];
      int end = found[4 * k + 1];
      int first = found[4 * k + 2];
      int next = k + 1 < n ? found[4 * k + 6] : numbers.size();
      System.arraycopy(json, from, structure, to, start - from);
      to += start - from;
      int c = FIELDS * k;
      cuts[c] = to;
      cuts[c + 1] = start;
      cuts[c + 2] = end;
      cuts[c + 3] = first;
      cuts[c + 4] = next - first;
      cuts[c + 5] = found[4 * k + 3];
      structure[to++] = '[';
      structure[to++] = ']';
      from = end;
    }
    System.arraycopy(json, from, structure, to, length - from);
    return new DataArrays(structure, structure.length, cuts, n, numbers);
  }

  byte[] structure() {
    return structure;
  }

  int structureLength() {
    return structureLength;
  }

  /**
   * The cut array whose {@code []} is at {@code structureOffset}. Calls must come in increasing
   * offsets (a parser's order), which keeps a request with many inputs linear.
   *
   * @return its index for {@link #start}/{@link #end}, or -1 when that array was not cut
   */
  int at(int structureOffset) {
    while (next < count && cuts[FIELDS * next] < structureOffset) {
      next++;
    }
    return next < count && cuts[FIELDS * next] == structureOffset ? next++ : -1;
  }

  /** Where cut array {@code k} starts (its {@code [}) in the original text. */
  int start(int k) {
    return cuts[FIELDS * k + 1];
  }

  /** Where cut array {@code k} ends (after its {@code ]}) in the original text. */
  int end(int k) {
    return cuts[FIELDS * k + 2];
  }

  /**
   * Cut array {@code k} as the little-endian bytes of {@code count} elements of {@code type}.
   *
   * @return null when only Jackson can decode it or say what is wrong with it: another element
   *     count, BOOL, or for the integer types a number that is not an integer literal or out of the
   *     type's range
   */
  ByteBuffer tensor(int k, Datatype type, long count) {
    int c = FIELDS * k;
    int first = cuts[c + 3];
    int n = cuts[c + 4];
    boolean integers = cuts[c + 5] == 1;
    if (n != count) {
      return null;
    }
    long[] v = numbers.slots();
    ByteBuffer out = ByteBuffer.allocate(n * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case FP32 -> {
        for (int i = first; i < first + n; i++) {
          out.putFloat((float) (integers ? (double) v[i] : Double.longBitsToDouble(v[i])));
        }
      }
      case FP64 -> {
        for (int i = first; i < first + n; i++) {
          out.putDouble(integers ? (double) v[i] : Double.longBitsToDouble(v[i]));
        }
      }
      case INT64 -> {
        if (!integers) {
          return null;
        }
        for (int i = first; i < first + n; i++) {
          out.putLong(v[i]);
        }
      }
      case FP16 -> {
        for (int i = first; i < first + n; i++) {
          double d = integers ? (double) v[i] : Double.longBitsToDouble(v[i]);
          out.putShort(Fp16.fromFloat((float) d));
        }
      }
      case INT32, INT16, INT8, UINT8 -> {
        if (!integers) {
          return null;
        }
        long min =
            type == Datatype.UINT8
                ? 0
                : type == Datatype.INT8
                    ? Byte.MIN_VALUE
                    : type == Datatype.INT16 ? Short.MIN_VALUE : Integer.MIN_VALUE;
        long max =
            type == Datatype.UINT8
                ? 255
                : type == Datatype.INT8
                    ? Byte.MAX_VALUE
                    : type == Datatype.INT16 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        for (int i = first; i < first + n; i++) {
          if (v[i] < min || v[i] > max) {
            return null;
          }
          switch (type) {
            case INT32 -> out.putInt((int) v[i]);
            case INT16 -> out.putShort((short) v[i]);
            default -> out.put((byte) v[i]);
          }
        }
      }
      default -> {
        return null; // BOOL: true/false arrays are never cut
      }
    }
    return out.flip();
  }

  /** The index of the closing quote of the string whose content starts at {@code i}, or -1. */
  private static int stringEnd(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      i += c == '\\' ? 2 : 1;
    }
    return -1;
  }
}
