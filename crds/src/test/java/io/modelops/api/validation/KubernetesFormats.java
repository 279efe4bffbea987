package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The string and integer {@code format}s of Kubernetes OpenAPI schemas that the API server checks,
 * with Kubernetes meanings (a {@code duration} is a Go duration such as {@code 1h30m}, not an ISO
 * 8601 one). Unknown formats are ignored, as the API server ignores them.
 */
final class KubernetesFormats {

  private static final Pattern GO_DURATION =
      Pattern.compile("^[-+]?(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h))+$|^0$");

  private KubernetesFormats() {}

  /** Returns why {@code value} does not match {@code format}, or empty when it does. */
  static Optional<String> check(String format, JsonNode value) {
    return switch (format) {
      case "int32" -> range(value, Integer.MIN_VALUE, Integer.MAX_VALUE, format);
      case "int64" -> range(value, Long.MIN_VALUE, Long.MAX_VALUE, format);
      case "date-time", "datetime" -> parse(value, format, s -> OffsetDateTime.parse(s));
      case "date" -> parse(value, format, s -> LocalDate.parse(s));
      case "duration" -> matches(value, format, GO_DURATION);
      case "byte" -> parse(value, format, s -> Base64.getDecoder().decode(s));
      case "uuid" -> parse(value, format, s -> UUID.fromString(s));
      default -> Optional.empty();
    };
  }

  private static Optional<String> range(JsonNode value, long min, long max, String format) {
    if (value.isIntegralNumber()
        && (value.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
            || value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0)) {
      return Optional.of("must fit in " + format);
    }
    return Optional.empty();
  }

  private static Optional<String> matches(JsonNode value, String format, Pattern pattern) {
    if (value.isTextual() && !pattern.matcher(value.asText()).matches()) {
      return Optional.of("must be a " + format + " (for example 30s, 1h30m)");
    }
    return Optional.empty();
  }

  private interface Parser {
    void parse(String s);
  }

  private static Optional<String> parse(JsonNode value, String format, Parser parser) {
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      parser.parse(value.asText());
      return Optional.empty();
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return Optional.of("must be in " + format + " format");
    }
  }
}
