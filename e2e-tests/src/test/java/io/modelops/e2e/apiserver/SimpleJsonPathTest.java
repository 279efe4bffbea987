package io.modelops.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SimpleJsonPathTest {

  private final JsonNode obj =
      read(
          "{\"status\":{\"stable\":{\"version\":\"v1\"},\"conditions\":[{\"type\":\"Ready\"}]},"
              + "\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"x\"}}}");

  private static JsonNode read(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsDottedFieldsIndexesAndQuotedKeys() {
    assertEquals("v1", SimpleJsonPath.compile(".status.stable.version").read(obj).asText());
    assertEquals(
        "Ready", SimpleJsonPath.compile("{.status.conditions[0].type}").read(obj).asText());
    assertEquals(
        "x",
        SimpleJsonPath.compile(".metadata.labels['app.kubernetes.io/name']").read(obj).asText());
  }

  @Test
  void missingPathsAreMissingNodes() {
    assertTrue(SimpleJsonPath.compile(".status.canary.weight").read(obj).isMissingNode());
    assertTrue(SimpleJsonPath.compile(".status.conditions[3].type").read(obj).isMissingNode());
  }

  @Test
  void unsupportedExpressionsAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SimpleJsonPath.compile(".status.conditions[?(@.type=='Ready')].status"));
    assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
  }
}
