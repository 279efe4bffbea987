package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelops.api.validation.CrdSchemaValidator;
import io.modelops.api.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates custom resources on create and update against the stored CRD, as a real API server does
 * (the mock stores anything): the {@code openAPIV3Schema} and the CEL rules, through the crds
 * module's {@link CrdSchemaValidator}. Writes to {@code /status} and JSON patches are not checked
 * here.
 */
final class CustomResourceValidation {

  private final Map<String, CrdSchemaValidator> validators = new ConcurrentHashMap<>();

  /**
   * Violations of a create ({@code before} null) or an update.
   *
   * @param crd the stored CRD
   * @param version the served version the request uses
   */
  List<Violation> check(JsonNode crd, String version, JsonNode after, JsonNode before) {
    JsonNode meta = crd.path("metadata");
    String key =
        meta.path("uid").asText() + "/" + meta.path("resourceVersion").asText() + "/" + version;
    CrdSchemaValidator validator =
        validators.computeIfAbsent(
            key, k -> CrdSchemaValidator.fromCrdYaml(crd.toString(), version));
    return before == null ? validator.validate(after) : validator.validateUpdate(before, after);
  }
}
