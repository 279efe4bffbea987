package io.modelops.runtime.http;

import io.modelops.runtime.Log;
import io.modelops.runtime.admin.FaultState;
import io.modelops.runtime.config.RuntimeConfig;
import io.modelops.runtime.inference.PendingRequest;
import io.modelops.runtime.inference.PreparedRequest;
import io.modelops.runtime.lifecycle.DrainState;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.InferResponseEncoder;
import io.modelops.runtime.protocol.TensorData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One admitted inference request: encodes the outcome on the worker thread and writes it; the drain
 * counter is released only once the write has completed (or failed).
 */
final class InferCall implements PendingRequest.Callback {
  private final ChannelHandlerContext ctx;
  private final long seq;
  private final boolean keepAlive;
  private final long start;
  private final PreparedRequest prepared;
  private final RuntimeConfig config;
  private final RuntimeMetrics metrics;
  private final FaultState faults;
  private final DrainState drain;

  InferCall(
      ChannelHandlerContext ctx,
      long seq,
      boolean keepAlive,
      long start,
      PreparedRequest prepared,
      RuntimeConfig config,
      RuntimeMetrics metrics,
      FaultState faults,
      DrainState drain) {
    this.ctx = ctx;
    this.seq = seq;
    this.keepAlive = keepAlive;
    this.start = start;
    this.prepared = prepared;
    this.config = config;
    this.metrics = metrics;
    this.faults = faults;
    this.drain = drain;
  }

  @Override
  public void done(List<TensorData> outputs, long runNanos) {
    ByteBuf buf = ctx.alloc().buffer(estimate(outputs));
    FullHttpResponse response;
    try {
      int headerLength =
          InferResponseEncoder.encode(
              config.modelName(),
              config.modelVersion(),
              prepared.id(),
              outputs,
              prepared.binary(),
              new ByteBufOutputStream(buf));
      response =
          Responses.response(
              200, buf, headerLength >= 0 ? "application/octet-stream" : Responses.JSON);
      if (headerLength >= 0) {
        response.headers().set(RequestHandler.HEADER_LENGTH, headerLength);
      }
    } catch (IOException | RuntimeException e) {
      buf.release();
      Log.error("infer", "encoding the response failed: " + e);
      failed(new ApiException(500, "encoding the response failed: " + e.getMessage()));
      return;
    }
    metrics.overhead(System.nanoTime() - start - runNanos);
    write(response, 200);
  }

  @Override
  public void failed(RuntimeException error) {
    int status = error instanceof ApiException a ? a.status() : 500;
    write(Responses.error(ctx.alloc(), status, error.getMessage()), status);
  }

  private void write(FullHttpResponse response, int status) {
    Duration delay = faults.latency();
    if (!delay.isZero()) {
      ctx.executor().schedule(() -> flush(response, status), delay.toNanos(), TimeUnit.NANOSECONDS);
    } else {
      flush(response, status);
    }
  }

  private void flush(FullHttpResponse response, int status) {
    boolean ka = keepAlive && !drain.draining();
    Responses.keepAlive(ctx, response, ka);
    ResponseOrder.write(
        ctx,
        seq,
        response,
        future ->
            future.addListener(
                (ChannelFutureListener)
                    f -> {
                      metrics.request(status, System.nanoTime() - start);
                      drain.release();
                      if (!ka || !f.isSuccess()) {
                        f.channel().close();
                      }
                    }));
  }

  private static int estimate(List<TensorData> outputs) {
    int bytes = 256;
    for (TensorData t : outputs) {
      bytes += t.data().remaining() * 3;
    }
    return bytes;
  }
}
