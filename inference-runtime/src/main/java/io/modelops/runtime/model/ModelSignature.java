package io.modelops.runtime.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.modelops.runtime.protocol.Datatype;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The inputs and outputs a loaded model exposes through the protocol. */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

  /** Reads the signature of a session; fails for inputs the runtime cannot feed. */
  public static ModelSignature of(OrtSession session) throws OrtException {
    List<TensorSpec> inputs = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
      TensorSpec spec = spec(e.getValue());
      if (spec == null) {
        throw new IllegalStateException(
            "model input '"
                + e.getKey()
                + "' has a type the runtime cannot serve: "
                + e.getValue());
      }
      inputs.add(spec);
    }
    List<TensorSpec> outputs = new ArrayList<>();
    for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
      TensorSpec spec = spec(e.getValue());
      if (spec != null) {
        outputs.add(spec); // non-tensor outputs (maps, sequences) are not exposed
      }
    }
    if (outputs.isEmpty()) {
      throw new IllegalStateException("model has no tensor outputs the runtime can serve");
    }
    return new ModelSignature(List.copyOf(inputs), List.copyOf(outputs));
  }

  private static TensorSpec spec(NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo info)) {
      return null;
    }
    Datatype type = Datatype.fromOrt(info.type);
    if (type == null) {
      return null;
    }
    long[] shape = info.getShape().clone();
    String[] given = info.getDimensionNames();
    String[] names = new String[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        shape[i] = -1;
      }
      String n = given != null && i < given.length ? given[i] : null;
      names[i] = shape[i] < 0 && n != null ? n : "";
    }
    return new TensorSpec(node.getName(), type, shape, names);
  }

  public TensorSpec input(String name) {
    return find(inputs, name);
  }

  public TensorSpec output(String name) {
    return find(outputs, name);
  }

  /** True when every input and output has a dynamic first dimension. */
  public boolean batchable() {
    return inputs.stream().allMatch(TensorSpec::batchable)
        && outputs.stream().allMatch(TensorSpec::batchable);
  }

  private static TensorSpec find(List<TensorSpec> specs, String name) {
    for (TensorSpec s : specs) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
