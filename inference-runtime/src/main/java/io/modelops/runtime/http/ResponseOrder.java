package io.modelops.runtime.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.AttributeKey;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps responses on one connection in request order (HTTP/1.1 pipelining): inference may finish
 * out of order on worker threads, so a response waits until every earlier one has been written. All
 * state is touched on the channel's event loop only.
 */
final class ResponseOrder {
  private static final AttributeKey<ResponseOrder> KEY = AttributeKey.valueOf("responseOrder");

  private long nextSequence;
  private long nextToWrite;
  private final Map<Long, Pending> waiting = new HashMap<>(4);

  private record Pending(FullHttpResponse response, Consumer<ChannelFuture> onWrite) {}

  static ResponseOrder of(ChannelHandlerContext ctx) {
    ResponseOrder order = ctx.channel().attr(KEY).get();
    if (order == null) {
      order = new ResponseOrder();
      ctx.channel().attr(KEY).set(order);
    }
    return order;
  }

  /** Called on the event loop when a request arrives; returns its sequence number. */
  long next() {
    return nextSequence++;
  }

  /**
   * Writes the response once all earlier ones are written; may be called from any thread.
   *
   * @param onWrite receives the write future (runs on the event loop)
   */
  static void write(
      ChannelHandlerContext ctx,
      long sequence,
      FullHttpResponse response,
      Consumer<ChannelFuture> onWrite) {
    if (ctx.executor().inEventLoop()) {
      of(ctx).offer(ctx, sequence, response, onWrite);
    } else {
      ctx.executor().execute(() -> of(ctx).offer(ctx, sequence, response, onWrite));
    }
  }

  private void offer(
      ChannelHandlerContext ctx,
      long sequence,
      FullHttpResponse response,
      Consumer<ChannelFuture> onWrite) {
    if (sequence != nextToWrite) {
      waiting.put(sequence, new Pending(response, onWrite));
      return;
    }
    onWrite.accept(ctx.writeAndFlush(response));
    nextToWrite++;
    Pending p;
    while ((p = waiting.remove(nextToWrite)) != null) {
      p.onWrite.accept(ctx.writeAndFlush(p.response));
      nextToWrite++;
    }
  }
}
