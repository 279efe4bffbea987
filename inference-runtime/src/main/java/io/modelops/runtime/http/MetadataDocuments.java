package io.modelops.runtime.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.model.ModelService;
import io.modelops.runtime.model.TensorSpec;
import io.modelops.runtime.protocol.ApiException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.util.List;

/** The V2 metadata and readiness documents. */
final class MetadataDocuments {
  private static final String SERVER_NAME = "modelops-inference-runtime";
  private static final String SERVER_VERSION = "0.1.0";

  private final ModelService service;
  private final RuntimeConfig config;

  MetadataDocuments(ModelService service) {
    this.service = service;
    this.config = service.config();
  }

  FullHttpResponse ready(ChannelHandlerContext ctx, String why, String name) {
    return Responses.json(
        ctx.alloc(),
        why == null ? 200 : 503,
        g -> {
          g.writeStartObject();
          if (name != null) {
            g.writeStringField("name", name);
            g.writeStringField("version", config.modelVersion());
          }
          g.writeBooleanField("ready", why == null);
          if (why != null) {
            g.writeStringField("reason", why);
          }
          g.writeEndObject();
        });
  }

  FullHttpResponse server(ChannelHandlerContext ctx) {
    return Responses.json(
        ctx.alloc(),
        200,
        g -> {
          g.writeStartObject();
          g.writeStringField("name", SERVER_NAME);
          g.writeStringField("version", SERVER_VERSION);
          g.writeArrayFieldStart("extensions");
          g.writeString("binary_tensor_data");
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  FullHttpResponse model(ChannelHandlerContext ctx) {
    ModelService.Serving serving = service.serving();
    if (serving == null) {
      throw ApiException.unavailable(
          "model '" + config.modelName() + "' is not ready: " + service.reason());
    }
    return Responses.json(
        ctx.alloc(),
        200,
        g -> {
          g.writeStartObject();
          g.writeStringField("name", config.modelName());
          g.writeArrayFieldStart("versions");
          g.writeString(config.modelVersion());
          g.writeEndArray();
          g.writeStringField("platform", "onnx_onnxv1");
          writeSpecs(g, "inputs", serving.model().signature().inputs());
          writeSpecs(g, "outputs", serving.model().signature().outputs());
          g.writeEndObject();
        });
  }

  private static void writeSpecs(JsonGenerator g, String field, List<TensorSpec> specs)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (TensorSpec s : specs) {
      g.writeStartObject();
      g.writeStringField("name", s.name());
      g.writeStringField("datatype", s.datatype().name());
      g.writeArrayFieldStart("shape");
      for (long d : s.shape()) {
        g.writeNumber(d);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
