package io.modelops.runtime.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionCapTest {
  @Test
  void refusesOverTheCapWithA503AndFreesSlotsOnClose() {
    ConnectionCap cap = new ConnectionCap(2);
    EmbeddedChannel a = new EmbeddedChannel();
    EmbeddedChannel b = new EmbeddedChannel();
    EmbeddedChannel c = new EmbeddedChannel();
    assertTrue(cap.admit(a));
    assertTrue(cap.admit(b));
    assertFalse(cap.admit(c));
    ByteBuf refusal = c.readOutbound();
    String text = refusal.toString(StandardCharsets.US_ASCII);
    refusal.release();
    assertTrue(text.startsWith("HTTP/1.1 503 "), text);
    int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    assertEquals(length, text.substring(text.indexOf("\r\n\r\n") + 4).length());
    assertFalse(c.isOpen());
    assertEquals(2, cap.open());
    a.close();
    assertEquals(1, cap.open());
    EmbeddedChannel d = new EmbeddedChannel();
    assertTrue(cap.admit(d));
  }
}
