package io.modelops.runtime.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AcceptErrorsTest {
  @Test
  void tooManyOpenFilesPausesAcceptingThenResumesWithoutClosing() {
    EmbeddedChannel ch = new EmbeddedChannel(new AcceptErrors(1_000));
    ch.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    ch.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    assertFalse(ch.config().isAutoRead(), "accepting pauses");
    assertTrue(ch.isOpen(), "the listening channel stays open");
    ch.checkException(); // handled, not propagated
    ch.advanceTimeBy(1_001, TimeUnit.MILLISECONDS);
    ch.runScheduledPendingTasks();
    assertTrue(ch.config().isAutoRead(), "accepting resumes after the back-off");
    ch.writeInbound("accepted");
    assertTrue(ch.readInbound().equals("accepted"));
    assertNull(ch.readInbound());
    ch.finishAndReleaseAll();
  }
}
