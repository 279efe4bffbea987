package io.modelops.operator.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The runtime's real /metrics text (see resources analysis/GenerateRuntimeScrapes.java). */
final class Fixtures {

  private Fixtures() {}

  /** {@code runtime-start.txt} or {@code runtime-end.txt}. */
  static String text(String file) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/analysis/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scrape scrape(String file) {
    return PrometheusText.parse(text(file));
  }
}
