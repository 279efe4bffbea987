package io.modelops.runtime.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.modelops.runtime.inference.PreparedRequest;
import io.modelops.runtime.inference.RequestValidator;
import io.modelops.runtime.protocol.Datatype;
import io.modelops.runtime.protocol.InferRequestDecoder;
import io.modelops.runtime.protocol.TensorData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The warm-up's synthetic requests, and how it stops. */
class WarmupTest {
  private static final ModelSignature CTR =
      new ModelSignature(
          List.of(
              new TensorSpec("item_ids", Datatype.INT64, new long[] {-1}),
              new TensorSpec("dense", Datatype.FP32, new long[] {-1, 8})),
          List.of(new TensorSpec("score", Datatype.FP32, new long[] {-1, 1})));

  private static final ModelSignature ODD =
      new ModelSignature(
          List.of(
              new TensorSpec("mask", Datatype.BOOL, new long[] {2, -1}),
              new TensorSpec("half", Datatype.FP16, new long[] {2, 3}),
              new TensorSpec("name \"q\"", Datatype.UINT8, new long[] {2})),
          List.of(new TensorSpec("out", Datatype.FP32, new long[] {2})));

  private static List<PreparedRequest> prepareAll(ModelSignature signature, long maxInputBytes) {
    RequestValidator validator =
        new RequestValidator(signature, false, true, RequestValidator.QualitySink.NONE);
    List<PreparedRequest> prepared = new ArrayList<>();
    for (Warmup.Variant v : new Warmup(signature, maxInputBytes).variants()) {
      prepared.add(
          validator.prepare(
              InferRequestDecoder.decode(
                  v.body(), v.headerLength(), validator.limits(maxInputBytes))));
    }
    return prepared;
  }

  @Test
  void batchableModelsGetOneAndSixtyFourRowsAsJsonAndBinary() {
    List<Warmup.Variant> variants = new Warmup(CTR, 1 << 20).variants();
    assertEquals(4, variants.size());
    assertEquals(-1, variants.get(0).headerLength(), "JSON");
    assertTrue(variants.get(1).headerLength() > 0, "binary");
    List<PreparedRequest> prepared = prepareAll(CTR, 1 << 20);
    long[] rows = prepared.stream().mapToLong(PreparedRequest::rows).toArray();
    assertArrayEquals(new long[] {1, 1, 64, 64}, rows);
    for (PreparedRequest p : prepared) {
      assertArrayEquals(new long[] {p.rows()}, p.inputs()[0].shape());
      assertArrayEquals(new long[] {p.rows(), 8}, p.inputs()[1].shape());
      assertZeros(p.inputs()[0]);
      assertZeros(p.inputs()[1]);
    }
    assertFalse(prepared.get(0).binary()[0], "a JSON request is answered in JSON");
    assertTrue(prepared.get(1).binary()[0], "a binary request is answered in binary");
  }

  @Test
  void fixedShapesOtherDatatypesAndOddNamesDecode() {
    List<PreparedRequest> prepared = prepareAll(ODD, 1 << 20);
    assertEquals(2, prepared.size(), "one row count only: the first dimension is fixed");
    for (PreparedRequest p : prepared) {
      assertArrayEquals(new long[] {2, 1}, p.inputs()[0].shape(), "dynamic inner dimension: 1");
      assertArrayEquals(new long[] {2, 3}, p.inputs()[1].shape());
      assertEquals("name \"q\"", p.inputs()[2].name());
      for (TensorData t : p.inputs()) {
        assertZeros(t);
      }
    }
  }

  @Test
  void variantsOverTheInputBudgetAreLeftOut() {
    // one CTR row is 40 bytes, 64 rows 2,560
    assertEquals(2, new Warmup(CTR, 2_000).variants().size());
    assertEquals(0, new Warmup(CTR, 39).variants().size());
    var outcome = new Warmup(CTR, 39).run(Duration.ofSeconds(1), null, "ctr", "t");
    assertEquals(0, outcome.runs());
    assertTrue(outcome.stoppedBy().contains("RUNTIME_MAX_INPUT_BYTES"), outcome.stoppedBy());
  }

  @Test
  void sendsTheTokenUntilTheBudgetIsSpentAndStopsAtTheFirstRefusal() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    List<String> tokens = new ArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v2/models/ctr/infer",
        exchange -> {
          synchronized (tokens) {
            tokens.add(exchange.getRequestHeaders().getFirst("modelops-warmup"));
          }
          exchange.getRequestBody().readAllBytes();
          boolean refuse = seen.incrementAndGet() > 6;
          byte[] answer = (refuse ? "{\"error\":\"no\"}" : "{}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(refuse ? 400 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try {
      Warmup warmup = new Warmup(CTR, 1 << 20);
      var refused = warmup.run(Duration.ofSeconds(20), server.getAddress(), "ctr", "s3cret");
      assertEquals(6, refused.runs());
      assertTrue(refused.stoppedBy().contains("HTTP 400: {\"error\":\"no\"}"), refused.stoppedBy());
      assertTrue(tokens.stream().allMatch("s3cret"::equals), tokens.toString());

      seen.set(-1_000_000);
      var done = warmup.run(Duration.ofMillis(300), server.getAddress(), "ctr", "s3cret");
      assertNull(done.stoppedBy());
      assertTrue(done.runs() >= 4, "each variant at least once: " + done.runs());
      assertTrue(done.millis() >= 300, "ran out its budget: " + done.millis());

      assertEquals(0, warmup.run(Duration.ZERO, server.getAddress(), "ctr", "s3cret").runs());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void wildcardAddressesAreReachedOverLoopback() throws Exception {
    assertEquals("127.0.0.1", Warmup.hostOf(new InetSocketAddress(0)));
    assertEquals(
        "[0:0:0:0:0:0:0:1]", Warmup.hostOf(new InetSocketAddress(InetAddress.getByName("::1"), 1)));
    assertEquals(
        "10.1.2.3", Warmup.hostOf(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 1)));
  }

  private static void assertZeros(TensorData t) {
    var data = t.data().duplicate();
    while (data.hasRemaining()) {
      assertEquals(0, data.get(), t.name());
    }
  }
}
