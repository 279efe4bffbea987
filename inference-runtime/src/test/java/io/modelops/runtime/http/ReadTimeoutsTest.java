package io.modelops.runtime.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadTimeoutsTest {
  private static EmbeddedChannel channel() {
    ReadTimeouts t = new ReadTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
    return new EmbeddedChannel(
        t.bytes(), new HttpServerCodec(), new HttpObjectAggregator(1 << 20), t.requests());
  }

  private static void send(EmbeddedChannel ch, String text) {
    ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
  }

  @Test
  void halfSentRequestIsClosedAfterTheReadTimeout() {
    EmbeddedChannel ch = channel();
    send(ch, "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n{\"a");
    ch.advanceTimeBy(900, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen());
    send(ch, "b"); // trickling bytes do not extend the deadline
    ch.advanceTimeBy(200, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen());
  }

  @Test
  void completeRequestWaitingForItsAnswerIsKeptThenIdleCloses() {
    EmbeddedChannel ch = channel();
    send(ch, "GET /x HTTP/1.1\r\nHost: h\r\n\r\n");
    ReferenceCountUtil.release(ch.readInbound());
    ch.advanceTimeBy(20, TimeUnit.SECONDS); // a long inference: nothing is closed
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen());
    ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
    ch.releaseOutbound();
    ch.advanceTimeBy(9, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.isOpen());
    ch.advanceTimeBy(2, TimeUnit.SECONDS);
    ch.runScheduledPendingTasks();
    assertFalse(ch.isOpen(), "idle keep-alive connection closed");
  }
}
