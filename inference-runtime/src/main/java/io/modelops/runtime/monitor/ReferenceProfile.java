package io.modelops.runtime.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.modelops.runtime.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's reference profile: for each monitored input tensor and feature (column of a {@code
 * [batch, features]} tensor), and for the output score, the quantile bin edges of the training or
 * validation data, the share of that data in each bin, and the smallest and largest value seen.
 * Format (JSON, documented in docs/runtime.md, "Input monitoring"):
 *
 * <pre>
 * {"format": "modelops.reference-profile/v1", "rows": 20000, "source": "...",
 *  "inputs":  [{"name": "dense", "features": [{"index": 0, "min": -1.0, "max": 0.99,
 *                "edges": [-0.8, ..., 0.8], "expected": [0.1, ..., 0.1]}, ...]}],
 *  "outputs": [{"name": "score", "features": [{"index": 0, ...}]}]}
 * </pre>
 *
 * <p>{@code edges} are strictly increasing cut points; {@code k} edges make {@code k + 1} bins: a
 * value {@code v} falls into bin {@code i} = the number of edges {@code <= v}, so bin 0 is {@code v
 * < edges[0]} and the last bin is {@code v >= edges[k-1]}. {@code expected} has one proportion per
 * bin, summing to 1.
 */
public record ReferenceProfile(
    String source, long rows, List<TensorProfile> inputs, List<TensorProfile> outputs) {

  public static final String FORMAT = "modelops.reference-profile/v1";

  /** Limits that keep a hostile or broken file from costing much. */
  static final int MAX_BINS = 100;

  static final int MAX_FEATURES = 4096;

  /** One tensor's monitored features. */
  public record TensorProfile(String name, List<FeatureProfile> features) {}

  /** One feature: its column index, training range, bin edges and expected proportions. */
  public record FeatureProfile(
      int index, double min, double max, double[] edges, double[] expected) {
    public FeatureProfile {
      if (index < 0) {
        throw new IllegalArgumentException("feature index " + index + " is negative");
      }
      if (!(min <= max)) {
        throw new IllegalArgumentException(
            "feature " + index + ": min " + min + " is not <= max " + max);
      }
      if (edges.length + 1 != expected.length) {
        throw new IllegalArgumentException(
            "feature "
                + index
                + ": "
                + edges.length
                + " edges need "
                + (edges.length + 1)
                + " expected proportions, got "
                + expected.length);
      }
      if (expected.length > MAX_BINS) {
        throw new IllegalArgumentException(
            "feature " + index + ": more than " + MAX_BINS + " bins");
      }
      double sum = 0;
      for (int i = 0; i < edges.length; i++) {
        if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
          throw new IllegalArgumentException(
              "feature " + index + ": edges must be finite and strictly increasing");
        }
      }
      for (double e : expected) {
        if (!(e >= 0 && e <= 1)) {
          throw new IllegalArgumentException(
              "feature " + index + ": expected proportion " + e + " is not in [0, 1]");
        }
        sum += e;
      }
      if (Math.abs(sum - 1) > 0.01) {
        throw new IllegalArgumentException(
            "feature " + index + ": expected proportions sum to " + sum + ", not 1");
      }
    }

    /** Bin of a finite value: the number of edges {@code <= v}. */
    public int bin(double v) {
      return Psi.bin(edges, v);
    }
  }

  /** Parses a profile; throws {@link IllegalArgumentException} naming what is wrong. */
  public static ReferenceProfile parse(byte[] json) {
    Object root;
    try (JsonParser p = Json.FACTORY.createParser(json)) {
      p.nextToken();
      root = read(p);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    }
    Map<?, ?> top = object(root, "profile");
    Object format = top.get("format");
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException("format must be \"" + FORMAT + "\", got " + format);
    }
    Object source = top.get("source");
    Object rows = top.get("rows");
    return new ReferenceProfile(
        source == null ? "" : source.toString(),
        rows instanceof Number n ? n.longValue() : 0,
        tensors(top.get("inputs"), "inputs"),
        tensors(top.get("outputs"), "outputs"));
  }

  private static List<TensorProfile> tensors(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    List<TensorProfile> out = new ArrayList<>();
    for (Object t : list(value, what)) {
      Map<?, ?> m = object(t, what + " entry");
      Object name = m.get("name");
      if (!(name instanceof String s) || s.isEmpty()) {
        throw new IllegalArgumentException(what + " entry without a name");
      }
      List<FeatureProfile> features = new ArrayList<>();
      List<?> fs = list(m.get("features"), s + ".features");
      if (fs.size() > MAX_FEATURES) {
        throw new IllegalArgumentException(s + ": more than " + MAX_FEATURES + " features");
      }
      for (Object f : fs) {
        Map<?, ?> fm = object(f, s + " feature");
        try {
          features.add(
              new FeatureProfile(
                  (int) number(fm.get("index"), "index"),
                  number(fm.get("min"), "min"),
                  number(fm.get("max"), "max"),
                  numbers(fm.get("edges"), "edges"),
                  numbers(fm.get("expected"), "expected")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(s + ": " + e.getMessage(), e);
        }
      }
      out.add(new TensorProfile(s, List.copyOf(features)));
    }
    return List.copyOf(out);
  }

  private static Map<?, ?> object(Object v, String what) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  private static List<?> list(Object v, String what) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException(what + " must be a JSON array");
  }

  private static double number(Object v, String what) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException(what + " must be a number");
  }

  private static double[] numbers(Object v, String what) {
    List<?> l = list(v, what);
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(l.get(i), what + "[" + i + "]");
    }
    return out;
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IllegalArgumentException("empty profile");
    }
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          m.put(key, read(p));
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return l;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return t == JsonToken.VALUE_TRUE;
      }
      default -> {
        return null;
      }
    }
  }

  /** The profile as JSON, one feature per line, numbers with at most 6 significant digits. */
  public String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("source", source);
      g.writeNumberField("rows", rows);
      g.writeRaw("\n");
      writeTensors(g, "inputs", inputs);
      writeTensors(g, "outputs", outputs);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  public byte[] toBytes() {
    return toJson().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeTensors(JsonGenerator g, String field, List<TensorProfile> ts)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorProfile t : ts) {
      g.writeStartObject();
      g.writeStringField("name", t.name());
      g.writeArrayFieldStart("features");
      for (FeatureProfile f : t.features()) {
        g.writeRaw("\n  ");
        g.writeStartObject();
        g.writeNumberField("index", f.index());
        g.writeFieldName("min");
        g.writeNumber(round(f.min()).toPlainString());
        g.writeFieldName("max");
        g.writeNumber(round(f.max()).toPlainString());
        g.writeFieldName("edges");
        writeArray(g, f.edges());
        g.writeFieldName("expected");
        writeArray(g, f.expected());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeRaw("\n");
  }

  private static void writeArray(JsonGenerator g, double[] values) throws IOException {
    g.writeStartArray();
    for (double v : values) {
      g.writeNumber(round(v).toPlainString());
    }
    g.writeEndArray();
  }

  /** {@code v} rounded to 6 significant digits, as the file stores it. */
  public static BigDecimal round(double v) {
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
  }

  /** {@code v} rounded to what the file stores, as a double. */
  public static double rounded(double v) {
    return round(v).doubleValue();
  }
}
