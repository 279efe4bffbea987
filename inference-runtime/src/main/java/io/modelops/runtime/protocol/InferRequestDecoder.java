package io.modelops.runtime.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes an Open Inference Protocol request: JSON only, or JSON header plus binary tensor section
 * ({@code Inference-Header-Content-Length}). Every client mistake becomes an {@link ApiException}
 * with status 400 naming the problem.
 */
public final class InferRequestDecoder {
  static final int MAX_RANK = 16;

  private InferRequestDecoder() {}

  /**
   * Decodes a request body.
   *
   * @param body the whole HTTP body
   * @param headerLength the {@code Inference-Header-Content-Length} value, or -1 when absent
   */
  public static InferRequest decode(byte[] body, int headerLength) {
    return decode(body, headerLength, DecodeLimits.NONE);
  }

  /**
   * Decodes a request body within {@code limits}: more inputs or outputs than allowed is a 400 as
   * soon as the parser reaches the first extra entry.
   *
   * @param body the whole HTTP body
   * @param headerLength the {@code Inference-Header-Content-Length} value, or -1 when absent
   * @param limits what this request may ask for
   */
  public static InferRequest decode(byte[] body, int headerLength, DecodeLimits limits) {
    int jsonLength = body.length;
    if (headerLength >= 0) {
      if (headerLength > body.length) {
        throw ApiException.badRequest(
            "Inference-Header-Content-Length "
                + headerLength
                + " is larger than the body ("
                + body.length
                + " bytes)");
      }
      jsonLength = headerLength;
    }
    if (jsonLength == 0) {
      throw ApiException.badRequest("empty request body (expected a JSON inference request)");
    }
    if (headerLength < 0) {
      // numbers are held in 8 bytes each until the datatype is known: at most the request's
      // tensor budget, as the plain way
      int maxValues = (int) Math.min(Integer.MAX_VALUE - 8, limits.maxInputBytes() / Long.BYTES);
      DataArrays cut = DataArrays.find(body, jsonLength, limits.maxInputs(), maxValues);
      if (cut != null) {
        try {
          return decode(body, headerLength, jsonLength, limits, cut);
        } catch (ApiException e) {
          // decode once more the plain way below, which reports the problem with positions in
          // the request's own text
        }
      }
    }
    return decode(body, headerLength, jsonLength, limits, null);
  }

  /**
   * Decodes the request; with {@code cut}, Jackson parses only {@link DataArrays#structure()} and
   * the cut arrays are read from {@code body} ({@link FlatNumbers}).
   */
  private static InferRequest decode(
      byte[] body, int headerLength, int jsonLength, DecodeLimits limits, DataArrays cut) {
    List<RawInput> raws;
    InferRequest partial;
    try (JsonParser p =
        cut == null
            ? Json.FACTORY.createParser(body, 0, jsonLength)
            : Json.FACTORY.createParser(cut.structure(), 0, cut.structureLength())) {
      Parsed parsed = parseRoot(p, body, limits, cut);
      raws = parsed.inputs;
      partial = parsed.request;
    } catch (JsonParseException | InputCoercionException e) {
      throw ApiException.badRequest("malformed JSON: " + describe(e));
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getMessage());
    }
    List<TensorData> inputs = new ArrayList<>(raws.size());
    int binaryOffset = jsonLength;
    int binaryEnd = body.length;
    for (RawInput raw : raws) {
      if (raw.binarySize >= 0) {
        if (headerLength < 0) {
          throw ApiException.badRequest(
              "input '"
                  + raw.name
                  + "' has binary_data_size but the request has no Inference-Header-Content-Length"
                  + " header");
        }
        long needed = raw.count * raw.datatype.byteSize();
        if (raw.binarySize != needed) {
          throw ApiException.badRequest(
              "input '"
                  + raw.name
                  + "': binary_data_size "
                  + raw.binarySize
                  + " does not match shape "
                  + TensorData.shapeString(raw.shape)
                  + " of "
                  + raw.datatype
                  + " ("
                  + needed
                  + " bytes)");
        }
        if (binaryOffset + raw.binarySize > binaryEnd) {
          throw ApiException.badRequest(
              "binary section truncated: input '"
                  + raw.name
                  + "' needs "
                  + raw.binarySize
                  + " bytes at offset "
                  + (binaryOffset - jsonLength)
                  + " but the binary section has "
                  + (binaryEnd - jsonLength)
                  + " bytes");
        }
        ByteBuffer data =
            ByteBuffer.wrap(body, binaryOffset, (int) raw.binarySize)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        binaryOffset += (int) raw.binarySize;
        inputs.add(new TensorData(raw.name, raw.datatype, raw.shape, data));
      } else if (raw.decoded != null) {
        inputs.add(new TensorData(raw.name, raw.datatype, raw.shape, raw.decoded));
      } else {
        inputs.add(new TensorData(raw.name, raw.datatype, raw.shape, decodeDeferred(raw)));
      }
    }
    if (headerLength >= 0 && binaryOffset != binaryEnd) {
      throw ApiException.badRequest(
          "binary section has "
              + (binaryEnd - binaryOffset)
              + " bytes that no input claims (check binary_data_size)");
    }
    return new InferRequest(partial.id(), inputs, partial.outputs(), partial.binaryDataOutput());
  }

  private record Parsed(InferRequest request, List<RawInput> inputs) {}

  /** An input as read from JSON, before binary data is attached. */
  private static final class RawInput {
    String name;
    Datatype datatype;
    String datatypeText;
    long[] shape;
    long count;
    long binarySize = -1;
    ByteBuffer decoded;

    /** The text that holds 'data' when it is decoded after the input's other fields. */
    byte[] source;

    /** The cut arrays 'data' is one of (index {@link #cut}), or null. */
    DataArrays cuts;

    int cut = -1;

    int dataStart = -1;
    int dataEnd = -1;
  }

  private static Parsed parseRoot(JsonParser p, byte[] body, DecodeLimits limits, DataArrays cut)
      throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    String id = null;
    List<RawInput> inputs = null;
    List<RequestedOutput> outputs = List.of();
    boolean binaryOutput = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "id" -> {
          if (t != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest("'id' must be a string");
          }
          id = p.getText();
        }
        case "inputs" -> inputs = parseInputs(p, body, limits, cut);
        case "outputs" -> outputs = parseOutputs(p, limits);
        case "parameters" -> binaryOutput = parseRequestParameters(p);
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw ApiException.badRequest("malformed JSON: unexpected token " + p.currentToken());
    }
    if (p.nextToken() != null) {
      throw ApiException.badRequest("malformed JSON: trailing content after the request object");
    }
    if (inputs == null || inputs.isEmpty()) {
      throw ApiException.badRequest("request has no 'inputs'");
    }
    return new Parsed(new InferRequest(id, List.of(), outputs, binaryOutput), inputs);
  }

  private static boolean parseRequestParameters(JsonParser p) throws IOException {
    expectObject(p, "'parameters'");
    boolean binary = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("binary_data_output")) {
        binary = bool(t, "parameters.binary_data_output");
      } else {
        p.skipChildren();
      }
    }
    return binary;
  }

  private static List<RequestedOutput> parseOutputs(JsonParser p, DecodeLimits limits)
      throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw ApiException.badRequest("'outputs' must be an array");
    }
    List<RequestedOutput> outputs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (outputs.size() == limits.maxOutputs()) {
        throw ApiException.badRequest(
            tooMany("outputs", limits.maxOutputs(), limits.outputNames()));
      }
      expectObject(p, "each entry of 'outputs'");
      String name = null;
      Boolean binary = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (field.equals("name")) {
          if (t != JsonToken.VALUE_STRING) {
            throw ApiException.badRequest("output 'name' must be a string");
          }
          name = p.getText();
        } else if (field.equals("parameters")) {
          expectObject(p, "output 'parameters'");
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String param = p.currentName();
            JsonToken v = p.nextToken();
            if (param.equals("binary_data")) {
              binary = bool(v, "outputs[].parameters.binary_data");
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (name == null) {
        throw ApiException.badRequest("an entry of 'outputs' has no 'name'");
      }
      if (!seen.add(name)) {
        throw ApiException.badRequest("output '" + name + "' is requested twice");
      }
      outputs.add(new RequestedOutput(name, binary));
    }
    return outputs;
  }

  private static List<RawInput> parseInputs(
      JsonParser p, byte[] body, DecodeLimits limits, DataArrays cut) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw ApiException.badRequest("'inputs' must be an array");
    }
    List<RawInput> inputs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long[] budget = {limits.maxInputBytes()};
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (inputs.size() == limits.maxInputs()) {
        throw ApiException.badRequest(tooMany("inputs", limits.maxInputs(), limits.inputNames()));
      }
      expectObject(p, "each entry of 'inputs'");
      RawInput in = new RawInput();
      boolean hasData = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "name" -> {
            if (t != JsonToken.VALUE_STRING) {
              throw ApiException.badRequest("input 'name' must be a string");
            }
            in.name = p.getText();
          }
          case "datatype" -> {
            if (t != JsonToken.VALUE_STRING) {
              throw ApiException.badRequest("input 'datatype' must be a string");
            }
            in.datatypeText = p.getText();
          }
          case "shape" -> in.shape = parseShape(p, in);
          case "parameters" -> parseInputParameters(p, in);
          case "data" -> {
            hasData = true;
            if (t != JsonToken.START_ARRAY) {
              throw ApiException.badRequest("input '" + label(in) + "': 'data' must be an array");
            }
            in.decoded = null; // a repeated 'data' replaces the earlier one
            in.cuts = null;
            int at = (int) p.currentTokenLocation().getByteOffset();
            int k = cut == null ? -1 : cut.at(at);
            if (k >= 0) {
              p.skipChildren();
              in.cuts = cut;
              in.cut = k;
              in.source = body;
              in.dataStart = cut.start(k);
              in.dataEnd = cut.end(k);
            } else if (in.name != null && in.datatypeText != null && in.shape != null) {
              prepare(in, body.length, budget);
              in.decoded = JsonTensorData.decode(p, in.name, in.datatype, in.shape, in.count);
            } else {
              in.source = cut == null ? body : cut.structure();
              in.dataStart = at;
              p.skipChildren();
              in.dataEnd = (int) p.currentLocation().getByteOffset();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (in.name == null) {
        throw ApiException.badRequest("an entry of 'inputs' has no 'name'");
      }
      if (!seen.add(in.name)) {
        throw ApiException.badRequest("input '" + in.name + "' appears twice");
      }
      prepare(in, body.length, budget);
      if (hasData && in.binarySize >= 0) {
        throw ApiException.badRequest(
            "input '" + in.name + "' has both 'data' and binary_data_size; use one");
      }
      if (!hasData && in.binarySize < 0) {
        throw ApiException.badRequest(
            "input '" + in.name + "' has no 'data' (and no binary_data_size)");
      }
      inputs.add(in);
    }
    return inputs;
  }

  /**
   * Resolves datatype and element count once name, datatype and shape are known, and charges the
   * input's bytes to the request's budget ({@code budget[0]} bytes left) before any buffer for it
   * is allocated.
   */
  private static void prepare(RawInput in, int bodyLength, long[] budget) {
    if (in.datatype != null) {
      return;
    }
    if (in.datatypeText == null) {
      throw ApiException.badRequest("input '" + in.name + "' has no 'datatype'");
    }
    if (in.shape == null) {
      throw ApiException.badRequest("input '" + in.name + "' has no 'shape'");
    }
    in.datatype = Datatype.parse(in.datatypeText, in.name);
    in.count = TensorData.elementCount(in.shape);
    long bytes = TensorBudget.bytes(in.count, in.datatype.byteSize());
    if (bytes < 0) {
      throw ApiException.badRequest(
          "input '" + in.name + "': shape " + TensorData.shapeString(in.shape) + " is too large");
    }
    budget[0] = TensorBudget.charge(in.name, in.shape, in.datatype, bytes, budget[0]);
    if (in.binarySize < 0 && in.count > bodyLength) {
      throw ApiException.badRequest(
          "input '"
              + in.name
              + "': shape "
              + TensorData.shapeString(in.shape)
              + " needs "
              + in.count
              + " elements but the request body is too small to hold them");
    }
  }

  private static long[] parseShape(JsonParser p, RawInput in) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw ApiException.badRequest(
          "input '" + label(in) + "': 'shape' must be an array of integers");
    }
    long[] dims = new long[4];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        throw ApiException.badRequest(
            "input '" + label(in) + "': 'shape' must be an array of integers");
      }
      long d = p.getLongValue();
      if (d < 0) {
        throw ApiException.badRequest(
            "input '" + label(in) + "': shape dimensions must be >= 0, got " + d);
      }
      if (n == MAX_RANK) {
        throw ApiException.badRequest(
            "input '" + label(in) + "': shape has more than " + MAX_RANK + " dimensions");
      }
      if (n == dims.length) {
        dims = java.util.Arrays.copyOf(dims, dims.length * 2);
      }
      dims[n++] = d;
    }
    return java.util.Arrays.copyOf(dims, n);
  }

  private static void parseInputParameters(JsonParser p, RawInput in) throws IOException {
    expectObject(p, "input 'parameters'");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("binary_data_size")) {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
          throw ApiException.badRequest(
              "input '" + label(in) + "': binary_data_size must be a non-negative integer");
        }
        in.binarySize = p.getLongValue();
      } else {
        p.skipChildren();
      }
    }
  }

  private static ByteBuffer decodeDeferred(RawInput raw) throws ApiException {
    if (raw.cuts != null) {
      ByteBuffer data = raw.cuts.tensor(raw.cut, raw.datatype, raw.count);
      if (data != null) {
        return data;
      }
    }
    try {
      return JsonTensorData.decode(
          raw.source, raw.dataStart, raw.dataEnd, raw.name, raw.datatype, raw.shape, raw.count);
    } catch (JsonParseException | InputCoercionException e) {
      throw ApiException.badRequest(
          "malformed JSON in 'data' of input '" + raw.name + "': " + describe(e));
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getMessage());
    }
  }

  private static String tooMany(String what, int max, String names) {
    return "request names more than "
        + max
        + " "
        + what
        + "; the model has "
        + max
        + " "
        + what
        + (names.isEmpty() ? "" : ": " + names);
  }

  private static boolean bool(JsonToken t, String what) {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw ApiException.badRequest(what + " must be true or false");
  }

  private static void expectObject(JsonParser p, String what) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw ApiException.badRequest(what + " must be a JSON object");
    }
  }

  private static String label(RawInput in) {
    return in.name == null ? "?" : in.name;
  }

  private static String describe(com.fasterxml.jackson.core.JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = "unreadable";
    }
    int nl = msg.indexOf('\n');
    if (nl > 0) {
      msg = msg.substring(0, nl);
    }
    var loc = e.getLocation();
    return loc == null
        ? msg
        : msg + " (at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }
}
