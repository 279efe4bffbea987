package io.modelops.runtime.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that hold server resources without progress: a request whose first byte
 * arrived more than {@code readTimeout} ago and that is still not complete (slow or half-sent
 * requests), and a connection with nothing to read or answer for {@code idleTimeout}. One instance
 * per connection; {@link #bytes()} goes first in the pipeline (sees raw bytes), {@link #requests()}
 * right after the body aggregator (sees complete requests and their responses).
 */
final class ReadTimeouts {
  private final long readNanos;
  private final long idleNanos;
  private boolean reading;
  private int pending;
  private ScheduledFuture<?> timer;

  ReadTimeouts(Duration readTimeout, Duration idleTimeout) {
    this.readNanos = readTimeout.toNanos();
    this.idleNanos = idleTimeout.toNanos();
  }

  /** The first handler: a request starts with its first byte. */
  ChannelInboundHandlerAdapter bytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelActive(ChannelHandlerContext ctx) throws Exception {
        arm(ctx, idleNanos);
        super.channelActive(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!reading && msg instanceof ByteBuf b && b.isReadable()) {
          reading = true;
          arm(ctx, readNanos);
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
      }
    };
  }

  /** The handler after the aggregator: a request is read; its response ends the wait. */
  ChannelDuplexHandler requests() {
    return new ChannelDuplexHandler() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof FullHttpRequest) {
          reading = false;
          pending++;
          cancel();
        }
        super.channelRead(ctx, msg);
      }

      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
          throws Exception {
        if (msg instanceof FullHttpResponse) {
          promise.addListener(
              f -> {
                pending--;
                if (pending == 0 && !reading) {
                  arm(ctx, idleNanos);
                }
              });
        }
        super.write(ctx, msg, promise);
      }
    };
  }

  private void arm(ChannelHandlerContext ctx, long nanos) {
    cancel();
    timer = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
  }

  private void expire(ChannelHandlerContext ctx) {
    timer = null;
    // a request still being read, or nothing at all going on: either way nothing is lost
    if (reading || pending == 0) {
      ctx.channel().close();
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
