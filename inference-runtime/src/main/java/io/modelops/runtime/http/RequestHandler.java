package io.modelops.runtime.http;

import io.modelops.runtime.Log;
import io.modelops.runtime.admin.AdminApi;
import io.modelops.runtime.admin.FaultState;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.lifecycle.DrainState;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.model.ModelService;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.InferRequest;
import io.modelops.runtime.protocol.InferRequestDecoder;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;

/** Routes every HTTP request: V2 protocol, metrics and the admin API. */
@ChannelHandler.Sharable
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  static final String HEADER_LENGTH = "Inference-Header-Content-Length";

  private final RuntimeConfig config;
  private final ModelService model;
  private final RuntimeMetrics metrics;
  private final FaultState faults;
  private final DrainState drain;
  private final AdminApi admin;
  private final MetadataDocuments documents;

  public RequestHandler(
      ModelService model,
      RuntimeMetrics metrics,
      FaultState faults,
      DrainState drain,
      AdminApi admin) {
    this.config = model.config();
    this.model = model;
    this.metrics = metrics;
    this.faults = faults;
    this.drain = drain;
    this.admin = admin;
    this.documents = new MetadataDocuments(model);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    long start = System.nanoTime();
    long seq = ResponseOrder.of(ctx).next();
    boolean keepAlive = HttpUtil.isKeepAlive(req) && !drain.draining();
    ctx.channel()
        .attr(Responses.HTTP_1_0)
        .set(req.protocolVersion() == io.netty.handler.codec.http.HttpVersion.HTTP_1_0);
    if (req.decoderResult().isFailure()) {
      send(ctx, seq, Responses.error(ctx.alloc(), 400, "malformed HTTP request"), false);
      return;
    }
    String uri = req.uri();
    int q = uri.indexOf('?');
    String path = q >= 0 ? uri.substring(0, q) : uri;
    String method = req.method().name();
    try {
      if (path.startsWith("/v2/models/")) {
        modelRoute(ctx, seq, req, method, path, keepAlive, start);
      } else if (path.equals("/v2/health/live")) {
        requireGet(method, path);
        send(ctx, seq, Responses.raw(ctx.alloc(), 200, "{\"live\":true}"), keepAlive);
      } else if (path.equals("/v2/health/ready")) {
        requireGet(method, path);
        String why = notReadyReason();
        send(ctx, seq, documents.ready(ctx, why, null), keepAlive);
      } else if (path.equals("/v2") || path.equals("/v2/")) {
        requireGet(method, path);
        send(ctx, seq, documents.server(ctx), keepAlive);
      } else if (path.equals("/metrics")) {
        requireGet(method, path);
        send(
            ctx,
            seq,
            Responses.text(
                ctx.alloc(), 200, metrics.scrape(), "text/plain; version=0.0.4; charset=utf-8"),
            keepAlive);
      } else if (path.equals("/admin") || path.startsWith("/admin/")) {
        adminRoute(ctx, seq, req, method, path, keepAlive);
      } else {
        throw ApiException.notFound("no route for " + method + " " + path);
      }
    } catch (ApiException e) {
      send(ctx, seq, Responses.error(ctx.alloc(), e.status(), e.getMessage()), keepAlive);
    } catch (RuntimeException e) {
      Log.error("http", "unexpected error on " + method + " " + path + ": " + e);
      send(ctx, seq, Responses.error(ctx.alloc(), 500, "internal error: " + e.getMessage()), false);
    }
  }

  private void adminRoute(
      ChannelHandlerContext ctx,
      long seq,
      FullHttpRequest req,
      String method,
      String path,
      boolean ka) {
    if (admin == null) {
      throw ApiException.notFound("admin API is disabled (RUNTIME_ADMIN_ENABLED=false)");
    }
    AdminApi.Result r =
        admin.handle(
            method,
            path,
            req.headers().get(HttpHeaderNames.AUTHORIZATION),
            ByteBufUtil.getBytes(req.content()));
    send(ctx, seq, Responses.raw(ctx.alloc(), r.status(), r.json()), ka);
  }

  private void modelRoute(
      ChannelHandlerContext ctx,
      long seq,
      FullHttpRequest req,
      String method,
      String path,
      boolean keepAlive,
      long start) {
    String[] parts = path.substring("/v2/models/".length()).split("/", -1);
    String name = parts[0];
    int i = 1;
    String version = null;
    if (parts.length >= 3 && parts[1].equals("versions")) {
      version = parts[2];
      i = 3;
    }
    String action = parts.length > i ? parts[i] : "";
    if (parts.length > i + 1 || (parts.length == 2 && parts[1].equals("versions"))) {
      throw ApiException.notFound("no route for " + method + " " + path);
    }
    if (!name.equals(config.modelName())) {
      if (action.equals("infer")) {
        metrics.request(404, -1);
      }
      throw ApiException.notFound(
          "unknown model '" + name + "' (this server serves '" + config.modelName() + "')");
    }
    if (version != null && !version.equals(config.modelVersion())) {
      if (action.equals("infer")) {
        metrics.request(404, -1);
      }
      throw ApiException.notFound(
          "model '"
              + name
              + "' has no version '"
              + version
              + "' (serving version '"
              + config.modelVersion()
              + "')");
    }
    switch (action) {
      case "" -> {
        requireGet(method, path);
        send(ctx, seq, documents.model(ctx), keepAlive);
      }
      case "ready" -> {
        requireGet(method, path);
        send(ctx, seq, documents.ready(ctx, notReadyReason(), name), keepAlive);
      }
      case "infer" -> {
        if (!method.equals("POST")) {
          throw new ApiException(405, "method " + method + " not allowed on " + path + " (POST)");
        }
        infer(ctx, seq, req, keepAlive, start);
      }
      default -> throw ApiException.notFound("no route for " + method + " " + path);
    }
  }

  private void infer(
      ChannelHandlerContext ctx, long seq, FullHttpRequest req, boolean keepAlive, long start) {
    ModelService.Serving serving = model.serving();
    RuntimeMetrics metrics = this.metrics;
    if (serving == null) {
      // the runtime's own warm-up, over loopback before Ready: a path of its own, counted nowhere
      ModelService.Warming warming = model.warming(req.headers().get(ModelService.warmupHeader()));
      if (warming != null) {
        serving = warming.serving();
        metrics = warming.metrics();
      }
    }
    try {
      if (drain.draining()) {
        throw ApiException.unavailable("server is draining (shutting down); retry elsewhere");
      }
      if (serving == null) {
        throw ApiException.unavailable(
            "model '" + config.modelName() + "' is not ready: " + model.reason());
      }
      if (faults.injectError()) {
        throw ApiException.unavailable("injected fault: errorRatio");
      }
      int headerLength = headerLength(req);
      byte[] body =
          RequestEncoding.decode(
              req.headers().get(HttpHeaderNames.CONTENT_ENCODING),
              ByteBufUtil.getBytes(req.content()),
              config.maxBodyBytes());
      InferRequest request =
          InferRequestDecoder.decode(
              body, headerLength, serving.validator().limits(config.maxInputBytes()));
      var prepared = serving.validator().prepare(request);
      if (!drain.tryAdmit()) {
        throw ApiException.unavailable("server is draining (shutting down); retry elsewhere");
      }
      InferCall call =
          new InferCall(ctx, seq, keepAlive, start, prepared, config, metrics, faults, drain);
      try {
        serving
            .scheduler()
            .submit(new io.modelops.runtime.inference.PendingRequest(prepared, call));
      } catch (ApiException e) {
        call.failed(e);
      }
    } catch (ApiException e) {
      metrics.request(e.status(), System.nanoTime() - start);
      FullHttpResponse error = Responses.error(ctx.alloc(), e.status(), e.getMessage());
      if (e.status() == 415) {
        error.headers().set(HttpHeaderNames.ACCEPT_ENCODING, RequestEncoding.ACCEPTED);
      }
      send(ctx, seq, error, keepAlive);
    }
  }

  private static int headerLength(FullHttpRequest req) {
    String value = req.headers().get(HEADER_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          HEADER_LENGTH + " must be a non-negative integer, got '" + value + "'");
    }
  }

  private String notReadyReason() {
    if (drain.draining()) {
      return "server is draining";
    }
    if (faults.unready()) {
      return "injected fault: unready";
    }
    return model.phase() == ModelService.Phase.READY ? null : model.reason();
  }

  private static void requireGet(String method, String path) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new ApiException(405, "method " + method + " not allowed on " + path + " (GET)");
    }
  }

  static void send(
      ChannelHandlerContext ctx, long seq, FullHttpResponse response, boolean keepAlive) {
    Responses.keepAlive(ctx, response, keepAlive);
    ResponseOrder.write(
        ctx,
        seq,
        response,
        future -> {
          if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
          }
        });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      Log.warn("http", "channel error: " + cause);
    }
    ctx.close();
  }
}
