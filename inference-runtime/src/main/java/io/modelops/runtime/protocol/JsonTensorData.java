package io.modelops.runtime.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes one input's JSON {@code data} array (flat or nested) into little-endian bytes. */
final class JsonTensorData {
  private JsonTensorData() {}

  /** Decodes the {@code data} array at {@code source[start..end)} with a parser over that range. */
  static ByteBuffer decode(
      byte[] source, int start, int end, String name, Datatype type, long[] shape, long count)
      throws IOException {
    try (JsonParser p = Json.FACTORY.createParser(source, start, end - start)) {
      p.nextToken();
      return decode(p, name, type, shape, count);
    }
  }

  private static ByteBuffer allocate(Datatype type, long count) {
    return ByteBuffer.allocate((int) (count * type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Decodes a flat or nested {@code data} array (parser on its START_ARRAY) into LE bytes. */
  static ByteBuffer decode(JsonParser p, String name, Datatype type, long[] shape, long count)
      throws IOException {
    ByteBuffer out = allocate(type, count);
    long index = 0;
    int depth = 1;
    while (depth > 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw ApiException.badRequest("malformed JSON: 'data' of input '" + name + "' ends early");
      }
      switch (t) {
        case START_ARRAY -> {
          if (++depth > InferRequestDecoder.MAX_RANK + 1) {
            throw ApiException.badRequest(
                "input '" + name + "': 'data' is nested deeper than its shape");
          }
        }
        case END_ARRAY -> depth--;
        default -> {
          if (index < count) {
            writeElement(p, t, type, out, name, index);
          }
          index++;
        }
      }
    }
    if (index != count) {
      throw ApiException.badRequest(
          "input '"
              + name
              + "': shape "
              + TensorData.shapeString(shape)
              + " needs "
              + count
              + " elements but 'data' has "
              + index);
    }
    out.flip();
    return out;
  }

  private static void writeElement(
      JsonParser p, JsonToken t, Datatype type, ByteBuffer out, String input, long index)
      throws IOException {
    switch (type) {
      case BOOL -> {
        if (t == JsonToken.VALUE_TRUE) {
          out.put((byte) 1);
        } else if (t == JsonToken.VALUE_FALSE) {
          out.put((byte) 0);
        } else {
          throw elementError(p, t, input, index, "a boolean (true/false)");
        }
      }
      case FP32 -> out.putFloat((float) floatingValue(p, t, input, index));
      case FP64 -> out.putDouble(floatingValue(p, t, input, index));
      case FP16 -> out.putShort(Fp16.fromFloat((float) floatingValue(p, t, input, index)));
      case INT8 -> out.put((byte) integerValue(p, t, input, index, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case UINT8 -> out.put((byte) integerValue(p, t, input, index, 0, 255));
      case INT16 ->
          out.putShort((short) integerValue(p, t, input, index, Short.MIN_VALUE, Short.MAX_VALUE));
      case INT32 ->
          out.putInt((int) integerValue(p, t, input, index, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case INT64 -> out.putLong(integerValue(p, t, input, index, Long.MIN_VALUE, Long.MAX_VALUE));
    }
  }

  private static double floatingValue(JsonParser p, JsonToken t, String input, long index)
      throws IOException {
    if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity", "+Infinity", "inf":
          return Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw elementError(p, t, input, index, "a number");
  }

  private static long integerValue(
      JsonParser p, JsonToken t, String input, long index, long min, long max) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw elementError(p, t, input, index, "an integer");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw ApiException.badRequest(
          "input '" + input + "': element " + index + " (" + p.getText() + ") is out of range");
    }
    long v = p.getLongValue();
    if (v < min || v > max) {
      throw ApiException.badRequest(
          "input '"
              + input
              + "': element "
              + index
              + " ("
              + v
              + ") is out of range ["
              + min
              + ", "
              + max
              + "]");
    }
    return v;
  }

  private static ApiException elementError(
      JsonParser p, JsonToken t, String input, long index, String expected) throws IOException {
    String shown =
        switch (t) {
          case VALUE_STRING -> "\"" + abbreviate(p.getText()) + "\"";
          case START_OBJECT -> "an object";
          case VALUE_NULL -> "null";
          default -> abbreviate(p.getText());
        };
    return ApiException.badRequest(
        "input '" + input + "': element " + index + " is " + shown + ", expected " + expected);
  }

  private static String abbreviate(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "..." : s;
  }
}
