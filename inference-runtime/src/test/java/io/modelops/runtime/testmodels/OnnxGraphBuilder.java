package io.modelops.runtime.testmodels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * A thin, deterministic wrapper around the ONNX protobuf builders: the same calls always produce
 * the same bytes (no timestamps, no maps with unstable order), which the example-model drift check
 * relies on.
 */
final class OnnxGraphBuilder {

  /** ONNX IR version written into every model; ONNX Runtime 1.29 reads up to IR 10. */
  static final long IR_VERSION = 8;

  /** Default-domain opset used by every test model. */
  static final long OPSET = 13;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Map<String, String> metadata = new TreeMap<>();
  private int nodeCount;

  OnnxGraphBuilder(String graphName) {
    graph.setName(graphName);
  }

  /**
   * Declares a graph input. Each dimension is a {@link Long} (fixed) or a {@link String} (a
   * symbolic, dynamic dimension such as {@code "N"}).
   */
  OnnxGraphBuilder input(String name, TensorProto.DataType type, Object... dims) {
    graph.addInput(valueInfo(name, type, dims));
    return this;
  }

  /** Declares a graph output; dimensions as for {@link #input}. */
  OnnxGraphBuilder output(String name, TensorProto.DataType type, Object... dims) {
    graph.addOutput(valueInfo(name, type, dims));
    return this;
  }

  /** Adds a float32 constant stored little-endian in {@code raw_data}. */
  OnnxGraphBuilder floatInitializer(String name, float[] values, long... dims) {
    ByteBuffer buf =
        ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buf.putFloat(v);
    }
    return initializer(name, TensorProto.DataType.FLOAT, buf.array(), dims);
  }

  /** Adds an int64 constant stored little-endian in {@code raw_data}. */
  OnnxGraphBuilder longInitializer(String name, long[] values, long... dims) {
    ByteBuffer buf = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buf.putLong(v);
    }
    return initializer(name, TensorProto.DataType.INT64, buf.array(), dims);
  }

  private OnnxGraphBuilder initializer(
      String name, TensorProto.DataType type, byte[] raw, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
    for (long d : dims) {
      t.addDims(d);
    }
    t.setRawData(ByteString.copyFrom(raw));
    graph.addInitializer(t);
    return this;
  }

  /** Adds a node; {@code attributes} are ready-made attribute protos (see {@link #intAttr}). */
  OnnxGraphBuilder node(
      String opType, String[] inputs, String[] outputs, AttributeProto... attributes) {
    NodeProto.Builder n =
        NodeProto.newBuilder().setOpType(opType).setName(opType + "_" + nodeCount++);
    for (String in : inputs) {
      n.addInput(in);
    }
    for (String out : outputs) {
      n.addOutput(out);
    }
    for (AttributeProto a : attributes) {
      n.addAttribute(a);
    }
    graph.addNode(n);
    return this;
  }

  /** Convenience for a single-output node. */
  OnnxGraphBuilder node(String opType, String output, String... inputs) {
    return node(opType, inputs, new String[] {output});
  }

  OnnxGraphBuilder metadata(String key, String value) {
    metadata.put(key, value);
    return this;
  }

  static AttributeProto intAttr(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  /** Serialises the model; {@code modelVersion} goes into {@code ModelProto.model_version}. */
  byte[] toBytes(String producerVersion, long modelVersion, String docString) {
    ModelProto.Builder model =
        ModelProto.newBuilder()
            .setIrVersion(IR_VERSION)
            .setProducerName("modelops-testmodels")
            .setProducerVersion(producerVersion)
            .setModelVersion(modelVersion)
            .setDocString(docString)
            .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
            .setGraph(graph);
    metadata.forEach(
        (k, v) ->
            model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return model.build().toByteArray();
  }

  private static ValueInfoProto valueInfo(String name, TensorProto.DataType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      if (d instanceof String param) {
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(param));
      } else if (d instanceof Number value) {
        shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(value.longValue()));
      } else {
        throw new IllegalArgumentException("dimension must be a Long or a String, got " + d);
      }
    }
    TypeProto.Tensor tensor =
        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape).build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensor))
        .build();
  }
}
