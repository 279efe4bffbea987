package io.modelops.runtime.http;

import io.modelops.runtime.protocol.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * Undoes the {@code Content-Encoding} of an inference request body: {@code identity} (or none),
 * {@code gzip} and {@code deflate} (the zlib format, as HTTP defines it). Official V2 clients send
 * compressed bodies when asked to (for example {@code request_compression_algorithm} in
 * tritonclient); {@code Inference-Header-Content-Length} then counts the bytes after decoding.
 *
 * <p>The decoded size is capped at the same limit as a plain body ({@code RUNTIME_MAX_BODY_BYTES},
 * 413 above it), checked while inflating, so a small compressed body cannot expand without bound.
 * Any other coding is a 415 that names the accepted ones; a body that is not valid in its declared
 * coding is a 400.
 */
final class RequestEncoding {
  /** Value of {@code Accept-Encoding} sent with a 415. */
  static final String ACCEPTED = "gzip, deflate, identity";

  private RequestEncoding() {}

  static byte[] decode(String contentEncoding, byte[] body, int maxBytes) {
    String coding =
        contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
    switch (coding) {
      case "", "identity":
        return body;
      case "gzip", "x-gzip":
        return gunzip(body, maxBytes);
      case "deflate":
        return inflate(body, maxBytes);
      default:
        throw new ApiException(
            415,
            "unsupported Content-Encoding '"
                + contentEncoding
                + "'; this server accepts "
                + ACCEPTED
                + " (one coding, not a list)");
    }
  }

  private static byte[] gunzip(byte[] body, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body), 8192)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4));
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (out.size() + (long) n > maxBytes) {
          throw tooLarge("gzip", maxBytes);
        }
        out.write(chunk, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest("request body is not valid gzip: " + e.getMessage());
    }
  }

  private static byte[] inflate(byte[] body, int maxBytes) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(body);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4));
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw ApiException.badRequest("request body is not valid deflate (zlib) data: truncated");
        }
        if (out.size() + (long) n > maxBytes) {
          throw tooLarge("deflate", maxBytes);
        }
        out.write(chunk, 0, n);
      }
      if (inflater.getRemaining() > 0) {
        throw ApiException.badRequest(
            "request body has " + inflater.getRemaining() + " bytes after the deflate (zlib) data");
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw ApiException.badRequest(
          "request body is not valid deflate (zlib) data: " + e.getMessage());
    } finally {
      inflater.end();
    }
  }

  private static ApiException tooLarge(String coding, int maxBytes) {
    return new ApiException(
        413,
        "request body decoded from "
            + coding
            + " is larger than "
            + maxBytes
            + " bytes (RUNTIME_MAX_BODY_BYTES)");
  }
}
