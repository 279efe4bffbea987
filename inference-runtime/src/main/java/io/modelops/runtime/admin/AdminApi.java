package io.modelops.runtime.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.modelops.runtime.Log;
import io.modelops.runtime.config.Durations;
import io.modelops.runtime.metrics.RuntimeMetrics;
import io.modelops.runtime.protocol.ApiException;
import io.modelops.runtime.protocol.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Fault-injection admin API under {@code /admin/faults}, guarded by a bearer token compared in
 * constant time. The token is never logged.
 */
public final class AdminApi {
  /** A response: status and JSON body. */
  public record Result(int status, String json) {}

  private final FaultState faults;
  private final byte[] tokenDigest;
  private final Duration maxDuration;
  private final RuntimeMetrics metrics;

  public AdminApi(FaultState faults, String token, Duration maxDuration, RuntimeMetrics metrics) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("admin token is empty");
    }
    this.faults = faults;
    this.tokenDigest = digest(token.trim());
    this.maxDuration = maxDuration;
    this.metrics = metrics;
  }

  /** True when the Authorization header carries the configured bearer token. */
  boolean authorized(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // digests have equal length, so isEqual's comparison time does not depend on the token
    return MessageDigest.isEqual(tokenDigest, digest(authorization.substring(7).trim()));
  }

  /** Handles a request below {@code /admin}. */
  public Result handle(String method, String path, String authorization, byte[] body) {
    if (!authorized(authorization)) {
      return error(401, "missing or invalid bearer token");
    }
    try {
      if (path.equals("/admin/faults")) {
        return switch (method) {
          case "GET" -> list(200);
          case "POST" -> create(body);
          case "DELETE" -> {
            faults.clearAll();
            Log.info("admin", "all faults cleared");
            yield list(200);
          }
          default -> error(405, "method " + method + " not allowed on /admin/faults");
        };
      }
      if (path.startsWith("/admin/faults/")) {
        FaultState.Type type =
            FaultState.Type.fromApiName(path.substring("/admin/faults/".length()));
        if (type == null) {
          return error(404, "unknown fault type in " + path);
        }
        if (!method.equals("DELETE")) {
          return error(405, "method " + method + " not allowed on " + path);
        }
        faults.clear(type);
        Log.info("admin", "fault " + type.apiName() + " cleared");
        return list(200);
      }
      return error(404, "no admin route " + path);
    } catch (ApiException e) {
      return error(e.status(), e.getMessage());
    }
  }

  private Result create(byte[] body) {
    Map<String, String> fields = parseFlatObject(body);
    String typeName = fields.get("type");
    if (typeName == null) {
      throw ApiException.badRequest("'type' is required (latency, errorRatio, unready)");
    }
    FaultState.Type type = FaultState.Type.fromApiName(typeName);
    if (type == null) {
      throw ApiException.badRequest(
          "unknown fault type '" + typeName + "' (latency, errorRatio, unready)");
    }
    Duration duration = duration(fields, "duration");
    if (duration == null) {
      throw ApiException.badRequest("'duration' is required (e.g. \"30s\")");
    }
    if (duration.isZero() || duration.compareTo(maxDuration) > 0) {
      throw ApiException.badRequest(
          "'duration' must be > 0 and <= " + Durations.format(maxDuration));
    }
    Duration latency = Duration.ZERO;
    double ratio = 0;
    switch (type) {
      case LATENCY -> {
        latency = duration(fields, "latency");
        if (latency == null || latency.isZero() || latency.compareTo(Duration.ofMinutes(1)) > 0) {
          throw ApiException.badRequest("'latency' is required, > 0 and <= 1m (e.g. \"200ms\")");
        }
      }
      case ERROR_RATIO -> {
        String r = fields.get("ratio");
        try {
          ratio = r == null ? Double.NaN : Double.parseDouble(r);
        } catch (NumberFormatException e) {
          ratio = Double.NaN;
        }
        if (!(ratio > 0 && ratio <= 1)) {
          throw ApiException.badRequest("'ratio' is required and must be in (0, 1]");
        }
      }
      case UNREADY -> {
        // no parameters
      }
    }
    faults.activate(type, duration, latency, ratio);
    metrics.faultInjected(type.apiName());
    Log.info(
        "admin",
        "fault "
            + type.apiName()
            + " active for "
            + Durations.format(duration)
            + (type == FaultState.Type.LATENCY ? " latency=" + Durations.format(latency) : "")
            + (type == FaultState.Type.ERROR_RATIO ? " ratio=" + ratio : ""));
    return list(201);
  }

  private static Duration duration(Map<String, String> fields, String key) {
    String v = fields.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Durations.parse(v);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'" + key + "': " + e.getMessage());
    }
  }

  private Result list(int status) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeArrayFieldStart("faults");
      for (FaultState.Fault f : faults.active()) {
        g.writeStartObject();
        g.writeStringField("type", f.type().apiName());
        g.writeStringField("remaining", Durations.format(roundToMillis(faults.remaining(f))));
        if (f.type() == FaultState.Type.LATENCY) {
          g.writeStringField("latency", Durations.format(f.latency()));
        }
        if (f.type() == FaultState.Type.ERROR_RATIO) {
          g.writeNumberField("ratio", f.ratio());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Result(status, w.toString());
  }

  private static Duration roundToMillis(Duration d) {
    return Duration.ofMillis(d.toMillis());
  }

  /** Reads a JSON object of scalar fields (strings, numbers, booleans) as strings. */
  static Map<String, String> parseFlatObject(byte[] body) {
    if (body.length == 0) {
      throw ApiException.badRequest("request body must be a JSON object");
    }
    Map<String, String> out = new HashMap<>();
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("request body must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t.isScalarValue()) {
          out.put(name, p.getText());
        } else {
          throw ApiException.badRequest("'" + name + "' must be a string or number");
        }
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON");
    }
    return out;
  }

  static Result error(int status, String message) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("error", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Result(status, w.toString());
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
