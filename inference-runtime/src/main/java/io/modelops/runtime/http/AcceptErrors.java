package io.modelops.runtime.http;

import io.modelops.runtime.Log;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * On the listening channel: an accept that fails (typically "Too many open files") must not stop
 * the server. The error is logged once per episode, accepting pauses for {@code backoffMillis} so
 * that the loop does not spin, then resumes.
 */
@ChannelHandler.Sharable
final class AcceptErrors extends ChannelInboundHandlerAdapter {
  private final long backoffMillis;
  private boolean pausedOnce;

  AcceptErrors(long backoffMillis) {
    this.backoffMillis = backoffMillis;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!pausedOnce) {
      pausedOnce = true;
      Log.warn(
          "http",
          "accepting a connection failed ("
              + cause
              + "); pausing accepts for "
              + backoffMillis
              + " ms and retrying (logged once)");
    }
    var config = ctx.channel().config();
    if (config.isAutoRead()) {
      config.setAutoRead(false);
      ctx.executor().schedule(() -> config.setAutoRead(true), backoffMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    pausedOnce = false; // an accept succeeded: the next failure is a new episode
    ctx.fireChannelRead(msg);
  }
}
