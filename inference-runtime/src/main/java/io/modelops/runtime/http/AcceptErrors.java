package io.modelops.runtime.http;

import io.modelops.runtime.Log;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.TimeUnit;

/**
 * On the listening channel: an accept that fails (typically "Too many open files") must not stop
 * the server. Accepting pauses for {@code backoffMillis} so that the loop does not spin, then
 * resumes; the failure is logged once, and again at most once a minute with the count since.
 */
@ChannelHandler.Sharable
final class AcceptErrors extends ChannelInboundHandlerAdapter {
  private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private final long backoffMillis;
  private long lastLog;
  private boolean logged;
  private long since;

  AcceptErrors(long backoffMillis) {
    this.backoffMillis = backoffMillis;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    since++;
    long now = System.nanoTime();
    if (!logged || now - lastLog >= LOG_INTERVAL_NANOS) {
      Log.warn(
          "http",
          "accepting a connection failed ("
              + cause
              + "; "
              + since
              + " time(s) since the last such message); pausing accepts for "
              + backoffMillis
              + " ms between retries");
      logged = true;
      lastLog = now;
      since = 0;
    }
    var config = ctx.channel().config();
    if (config.isAutoRead()) {
      config.setAutoRead(false);
      ctx.executor().schedule(() -> config.setAutoRead(true), backoffMillis, TimeUnit.MILLISECONDS);
    }
  }
}
