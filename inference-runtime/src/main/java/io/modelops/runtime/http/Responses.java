package io.modelops.runtime.http;

import com.fasterxml.jackson.core.JsonGenerator;
import io.modelops.runtime.protocol.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds full HTTP responses. */
final class Responses {
  static final String JSON = "application/json";

  private Responses() {}

  /** A JSON writer callback. */
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  static FullHttpResponse json(ByteBufAllocator alloc, int status, JsonBody body) {
    ByteBuf buf = alloc.buffer(256);
    try (JsonGenerator g =
        Json.FACTORY.createGenerator((java.io.OutputStream) new ByteBufOutputStream(buf))) {
      body.write(g);
    } catch (IOException e) {
      buf.release();
      throw new UncheckedIOException(e);
    }
    return response(status, buf, JSON);
  }

  static FullHttpResponse error(ByteBufAllocator alloc, int status, String message) {
    return json(
        alloc,
        status,
        g -> {
          g.writeStartObject();
          g.writeStringField("error", message);
          g.writeEndObject();
        });
  }

  static FullHttpResponse text(ByteBufAllocator alloc, int status, String text, String type) {
    ByteBuf buf = alloc.buffer(text.length());
    buf.writeCharSequence(text, StandardCharsets.UTF_8);
    return response(status, buf, type);
  }

  static FullHttpResponse raw(ByteBufAllocator alloc, int status, String json) {
    return text(alloc, status, json, JSON);
  }

  static FullHttpResponse response(int status, ByteBuf content, String contentType) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content, false, false);
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    return r;
  }

  /** Set per request: HTTP/1.0 clients need an explicit keep-alive answer (e.g. {@code ab -k}). */
  static final io.netty.util.AttributeKey<Boolean> HTTP_1_0 =
      io.netty.util.AttributeKey.valueOf("http10");

  static void keepAlive(
      io.netty.channel.ChannelHandlerContext ctx, FullHttpResponse r, boolean keepAlive) {
    if (!keepAlive) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (Boolean.TRUE.equals(ctx.channel().attr(HTTP_1_0).get())) {
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }
}
