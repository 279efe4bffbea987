package io.modelops.runtime.http;

import io.modelops.runtime.Log;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections; one over the cap gets a plain 503 and is closed. */
final class ConnectionCap {
  private static final byte[] REFUSAL =
      ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
              + "Connection: close\r\nContent-Length: 71\r\n\r\n"
              + "{\"error\":\"too many open connections (RUNTIME_MAX_CONNECTIONS); retry\"}\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicBoolean warned = new AtomicBoolean();

  ConnectionCap(int max) {
    this.max = max;
  }

  /** Admits the channel (counted until it closes) or refuses and closes it; true if admitted. */
  boolean admit(Channel ch) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      if (warned.compareAndSet(false, true)) {
        Log.warn("http", "connection cap of " + max + " reached; refusing new connections");
      }
      ch.writeAndFlush(Unpooled.wrappedBuffer(REFUSAL)).addListener(ChannelFutureListener.CLOSE);
      return false;
    }
    warned.set(false);
    ch.closeFuture().addListener(f -> open.decrementAndGet());
    return true;
  }

  int open() {
    return open.get();
  }
}
