package io.modelops.runtime.inference;

import io.modelops.runtime.model.ModelSignature;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.DecodeLimits;
import io.modelops.runtime.protocol.Fp16;
import io.modelops.runtime.protocol.InferRequest;
import io.modelops.runtime.protocol.RequestedOutput;
import io.modelops.runtime.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a decoded request against the model signature and the data-quality policy. */
public final class RequestValidator {
  /** Receives data-quality observations (metrics). */
  public interface QualitySink {
    /** Records nothing (the warm-up's synthetic requests, tests). */
    QualitySink NONE =
        new QualitySink() {
          @Override
          public void nonFinite(String input, String kind, long count) {}

          @Override
          public void rowsRejected(String reason, long rows) {}
        };

    void nonFinite(String input, String kind, long count);

    void rowsRejected(String reason, long rows);
  }

  private final ModelSignature signature;
  private final boolean allowNonFinite;
  private final boolean batchingEnabled;
  private final QualitySink sink;
  private final Map<String, Integer> inputIndex;
  private final Map<String, TensorSpec> outputsByName;
  private final String inputNames;
  private final String outputNames;

  public RequestValidator(
      ModelSignature signature, boolean allowNonFinite, boolean batchingEnabled, QualitySink sink) {
    this.signature = signature;
    this.allowNonFinite = allowNonFinite;
    this.batchingEnabled = batchingEnabled && signature.batchable();
    this.sink = sink;
    this.inputIndex = new HashMap<>();
    for (int i = 0; i < signature.inputs().size(); i++) {
      inputIndex.put(signature.inputs().get(i).name(), i);
    }
    this.inputNames = names(signature.inputs());
    this.outputNames = names(signature.outputs());
    this.outputsByName = new HashMap<>();
    for (TensorSpec o : signature.outputs()) {
      outputsByName.put(o.name(), o);
    }
  }

  /** The decoder limits for this model: no more inputs or outputs than it has. */
  public DecodeLimits limits(long maxInputBytes) {
    return new DecodeLimits(
        signature.inputs().size(),
        signature.outputs().size(),
        maxInputBytes,
        inputNames,
        outputNames);
  }

  /** Returns the prepared request or throws a 400 {@link ApiException} naming the problem. */
  public PreparedRequest prepare(InferRequest request) {
    List<TensorSpec> specs = signature.inputs();
    TensorData[] ordered = new TensorData[specs.size()];
    for (TensorData t : request.inputs()) {
      int index = inputIndex.getOrDefault(t.name(), -1);
      if (index < 0) {
        throw reject("unknown input '" + t.name() + "'; the model's inputs are " + names(specs), t);
      }
      TensorSpec spec = specs.get(index);
      if (t.datatype() != spec.datatype()) {
        throw reject(
            "input '"
                + t.name()
                + "': datatype "
                + t.datatype()
                + " does not match the model's "
                + spec.datatype(),
            t);
      }
      if (!spec.accepts(t.shape())) {
        throw reject(
            "input '"
                + t.name()
                + "': shape "
                + TensorData.shapeString(t.shape())
                + " does not match the model's "
                + spec.shapeString()
                + " (-1 = any size)",
            t);
      }
      ordered[index] = t;
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        throw reject("missing input '" + specs.get(i).name() + "'", request.inputs().get(0));
      }
    }
    checkSharedDimensions(specs, ordered);
    long rows = ordered.length == 0 ? 0 : ordered[0].rows();
    boolean sameRows = true;
    for (TensorData t : ordered) {
      sameRows &= t.rows() == rows;
    }
    for (TensorData t : ordered) {
      if (t.datatype().floatingPoint()) {
        checkFinite(t);
      }
    }
    List<RequestedOutput> requested = request.outputs();
    TensorSpec[] outputs;
    boolean[] binary;
    if (requested.isEmpty()) {
      outputs = signature.outputs().toArray(new TensorSpec[0]);
      binary = new boolean[outputs.length];
      java.util.Arrays.fill(binary, request.binaryDataOutput());
    } else {
      outputs = new TensorSpec[requested.size()];
      binary = new boolean[requested.size()];
      for (int i = 0; i < requested.size(); i++) {
        RequestedOutput o = requested.get(i);
        outputs[i] = outputsByName.get(o.name());
        if (outputs[i] == null) {
          throw ApiException.badRequest(
              "unknown output '"
                  + o.name()
                  + "'; the model's outputs are "
                  + names(signature.outputs()));
        }
        binary[i] = o.binary() != null ? o.binary() : request.binaryDataOutput();
      }
    }
    return new PreparedRequest(
        request.id(), ordered, outputs, binary, rows, batchingEnabled && sameRows && rows > 0);
  }

  /** Inputs that share a symbolic dimension (e.g. the batch dimension "N") must agree on it. */
  private void checkSharedDimensions(List<TensorSpec> specs, TensorData[] ordered) {
    java.util.Map<String, Integer> owner = new java.util.HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String[] names = specs.get(i).dimensionNames();
      for (int d = 0; d < names.length; d++) {
        if (names[d].isEmpty()) {
          continue;
        }
        String key = names[d];
        Integer first = owner.putIfAbsent(key, i * 64 + d);
        if (first != null) {
          TensorData a = ordered[first / 64];
          long va = a.shape()[first % 64];
          long vb = ordered[i].shape()[d];
          if (va != vb) {
            throw reject(
                "inputs disagree on dimension '"
                    + key
                    + "': '"
                    + a.name()
                    + "' has "
                    + va
                    + ", '"
                    + ordered[i].name()
                    + "' has "
                    + vb,
                ordered[i]);
          }
        }
      }
    }
  }

  private ApiException reject(String message, TensorData t) {
    sink.rowsRejected("invalid", t.rows());
    return ApiException.badRequest(message);
  }

  private void checkFinite(TensorData t) {
    ByteBuffer b = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (allFinite(t.datatype(), b)) {
      return;
    }
    long nan = 0;
    long inf = 0;
    switch (t.datatype()) {
      case FP32 -> {
        while (b.remaining() >= 4) {
          float v = b.getFloat();
          if (Float.isNaN(v)) {
            nan++;
          } else if (Float.isInfinite(v)) {
            inf++;
          }
        }
      }
      case FP64 -> {
        while (b.remaining() >= 8) {
          double v = b.getDouble();
          if (Double.isNaN(v)) {
            nan++;
          } else if (Double.isInfinite(v)) {
            inf++;
          }
        }
      }
      case FP16 -> {
        while (b.remaining() >= 2) {
          float v = Fp16.toFloat(b.getShort());
          if (Float.isNaN(v)) {
            nan++;
          } else if (Float.isInfinite(v)) {
            inf++;
          }
        }
      }
      default -> {
        return;
      }
    }
    if (nan > 0) {
      sink.nonFinite(t.name(), "nan", nan);
    }
    if (inf > 0) {
      sink.nonFinite(t.name(), "inf", inf);
    }
    if ((nan > 0 || inf > 0) && !allowNonFinite) {
      sink.rowsRejected("nonfinite", t.rows());
      throw ApiException.badRequest(
          "input '"
              + t.name()
              + "' contains "
              + nan
              + " NaN and "
              + inf
              + " infinite values; not allowed (RUNTIME_ALLOW_NONFINITE=false)");
    }
  }

  /**
   * Whether an FP32 or FP64 tensor has no NaN or infinite value (all exponent bits set in neither):
   * one pass over the raw bits with no branch per value, so the common all-finite case costs
   * little; false for other types and whenever the exact count is needed.
   */
  private static boolean allFinite(Datatype type, ByteBuffer b) {
    int end = b.limit();
    int special = 0;
    switch (type) {
      case FP32 -> {
        for (int i = b.position(); i + 4 <= end; i += 4) {
          special += (b.getInt(i) & 0x7f800000) == 0x7f800000 ? 1 : 0;
        }
      }
      case FP64 -> {
        for (int i = b.position(); i + 8 <= end; i += 8) {
          special += (b.getLong(i) & 0x7ff0000000000000L) == 0x7ff0000000000000L ? 1 : 0;
        }
      }
      default -> {
        return false;
      }
    }
    return special == 0;
  }

  private static String names(List<TensorSpec> specs) {
    return specs.stream().map(TensorSpec::name).toList().toString();
  }
}
