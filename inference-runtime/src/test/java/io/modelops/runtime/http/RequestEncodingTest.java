package io.modelops.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelops.runtime.protocol.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Compressed request bodies, as tritonclient sends them with {@code request_compression_algorithm}
 * ({@code OfficialV2ClientsIT} runs the real client against the server).
 */
class RequestEncodingTest {
  private static final byte[] BODY =
      "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1.5]}]}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void identityAndNoEncodingPassTheBodyThrough() {
    assertSame(BODY, RequestEncoding.decode(null, BODY, 1024));
    assertSame(BODY, RequestEncoding.decode("identity", BODY, 1024));
    assertSame(BODY, RequestEncoding.decode(" Identity ", BODY, 1024));
  }

  @Test
  void gzipAndZlibDeflateAreDecoded() throws IOException {
    assertArrayEquals(BODY, RequestEncoding.decode("gzip", gzip(BODY), 1024));
    assertArrayEquals(BODY, RequestEncoding.decode("GZIP", gzip(BODY), 1024));
    assertArrayEquals(BODY, RequestEncoding.decode("deflate", zlib(BODY), 1024));
    byte[] big = new byte[100_000];
    Arrays.fill(big, (byte) 'a');
    assertArrayEquals(big, RequestEncoding.decode("gzip", gzip(big), 100_000));
    assertArrayEquals(big, RequestEncoding.decode("deflate", zlib(big), 100_000));
  }

  @Test
  void theDecodedSizeIsCappedWhileInflating() throws IOException {
    byte[] bomb = new byte[10_000_000]; // compresses to about 10 KB
    for (String coding : new String[] {"gzip", "deflate"}) {
      byte[] packed = coding.equals("gzip") ? gzip(bomb) : zlib(bomb);
      assertTrue(packed.length < 64 * 1024, coding + " " + packed.length);
      ApiException e =
          assertThrows(ApiException.class, () -> RequestEncoding.decode(coding, packed, 65_536));
      assertEquals(413, e.status());
      assertEquals(
          "request body decoded from "
              + coding
              + " is larger than 65536 bytes (RUNTIME_MAX_BODY_BYTES)",
          e.getMessage());
    }
    // exactly at the limit is fine
    assertEquals(BODY.length, RequestEncoding.decode("gzip", gzip(BODY), BODY.length).length);
  }

  @Test
  void otherCodingsAre415AndBrokenDataIs400() throws IOException {
    for (String coding : new String[] {"br", "compress", "gzip, deflate", "zstd"}) {
      ApiException e =
          assertThrows(ApiException.class, () -> RequestEncoding.decode(coding, BODY, 1024));
      assertEquals(415, e.status(), coding);
      assertTrue(e.getMessage().contains("'" + coding + "'"), e.getMessage());
      assertTrue(e.getMessage().contains(RequestEncoding.ACCEPTED), e.getMessage());
    }
    ApiException notGzip =
        assertThrows(ApiException.class, () -> RequestEncoding.decode("gzip", BODY, 1024));
    assertEquals(400, notGzip.status());
    assertTrue(notGzip.getMessage().startsWith("request body is not valid gzip"));
    ApiException notZlib =
        assertThrows(ApiException.class, () -> RequestEncoding.decode("deflate", BODY, 1024));
    assertEquals(400, notZlib.status());
    byte[] zlib = zlib(BODY);
    ApiException truncated =
        assertThrows(
            ApiException.class,
            () -> RequestEncoding.decode("deflate", Arrays.copyOf(zlib, zlib.length - 5), 1024));
    assertEquals(400, truncated.status());
    byte[] trailing = Arrays.copyOf(zlib, zlib.length + 3);
    ApiException extra =
        assertThrows(ApiException.class, () -> RequestEncoding.decode("deflate", trailing, 1024));
    assertEquals("request body has 3 bytes after the deflate (zlib) data", extra.getMessage());
    assertEquals(
        400,
        assertThrows(ApiException.class, () -> RequestEncoding.decode("gzip", new byte[0], 1024))
            .status());
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static byte[] zlib(byte[] data) {
    Deflater deflater = new Deflater();
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return out.toByteArray();
  }
}
