package io.modelops.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator's handling of Kubernetes schema extensions and CEL, on a small CRD written for the
 * purpose (the ModelDeployment CRD does not use every feature).
 */
class CrdSchemaValidatorTest {

  private static final String CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.io}
      spec:
        group: example.io
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  properties:
                    port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                    note: {type: string, nullable: true}
                    timeout: {type: string, format: duration}
                    small: {type: integer, format: int32}
                    mode: {type: string, default: Fast, enum: [Fast, Safe]}
                    extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                    limits:
                      type: object
                      additionalProperties: {type: integer}
                      x-kubernetes-validations:
                      - rule: "self.all(k, !(k in oldSelf) || self[k] >= oldSelf[k])"
                        message: limits may only grow
                    sizes:
                      type: array
                      maxItems: 10
                      items: {type: integer}
                      x-kubernetes-validations:
                      - rule: "self.isSorted() && self.sum() <= 100 && self.min() >= 1"
                        messageExpression: "string(size(self)) + ' sizes must be sorted, sum <= 100, min >= 1'"
                      - rule: "size(self) == 0 || self.indexOf(self.max()) == self.lastIndexOf(self.max())"
                        message: the largest size must be unique
                  x-kubernetes-validations:
                  - rule: "self.mode != 'Safe' || has(self.timeout)"
                    message: Safe mode needs a timeout
                    fieldPath: .timeout
                    reason: FieldValueRequired
      """;

  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.fromCrdYaml(CRD, "v1");

  private static List<Violation> validate(String spec) {
    return VALIDATOR.validate(
        "{apiVersion: example.io/v1, kind: Widget, metadata: {name: w}, spec: " + spec + "}");
  }

  private static void assertRefused(String spec, String field, String text) {
    List<Violation> violations = validate(spec);
    assertTrue(
        violations.stream().anyMatch(v -> v.field().equals(field) && v.message().contains(text)),
        () -> spec + " -> " + violations);
  }

  @Test
  void acceptsKubernetesExtensions() {
    assertEquals(
        List.of(),
        validate(
            "{port: 8080, note: null, timeout: 1h2m3.5s, small: 7, extra: {any: {thing: [1]}},"
                + " limits: {a: 1}, sizes: [1, 2, 3]}"));
    assertEquals(List.of(), validate("{port: http}"));
  }

  @Test
  void refusesWhatKubernetesRefuses() {
    assertRefused("{port: [1]}", "spec.port", "Invalid value");
    assertRefused("{timeout: PT5M}", "spec.timeout", "duration");
    assertRefused("{small: 3000000000}", "spec.small", "int32");
    assertRefused("{mode: Slow}", "spec.mode", "Slow");
    assertRefused("{sorts: [1]}", "spec.sorts", "Unknown field");
    assertRefused("{limits: {a: x}}", "spec.limits[a]", "integer");
  }

  @Test
  void appliesDefaultsBeforeRules() {
    assertEquals(List.of(), validate("{}"), "mode defaults to Fast, which needs no timeout");
    assertRefused("{mode: Safe}", "spec.timeout", "Required value: Safe mode needs a timeout");
  }

  @Test
  void evaluatesKubernetesListFunctionsAndMessageExpressions() {
    assertRefused("{sizes: [3, 1]}", "spec.sizes", "2 sizes must be sorted");
    assertRefused("{sizes: [60, 70]}", "spec.sizes", "sum <= 100");
    assertRefused("{sizes: [0, 2]}", "spec.sizes", "min >= 1");
    assertRefused("{sizes: [1, 5, 5]}", "spec.sizes", "largest size must be unique");
  }

  @Test
  void transitionRulesSeeOldSelfThroughMaps() {
    var old =
        CrdSchemaValidator.readYaml(
            "{apiVersion: example.io/v1, kind: Widget, metadata: {name: w}, spec: {limits: {a: 5}}}");
    var grown = YamlEdit.set("spec.limits", "{a: 6, b: 1}").apply(old);
    var shrunk = YamlEdit.set("spec.limits", "{a: 4}").apply(old);
    assertEquals(List.of(), VALIDATOR.validateUpdate(old, grown));
    assertEquals(List.of(), VALIDATOR.validate(shrunk), "no transition rule on create");
    List<Violation> violations = VALIDATOR.validateUpdate(old, shrunk);
    assertEquals(
        List.of(new Violation("spec.limits", "Invalid value: limits may only grow")), violations);
  }

  @Test
  void refusesCrdsTheApiServerWouldRefuse() {
    String badField = CRD.replace("has(self.timeout)", "has(self.timeuot)");
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> CrdSchemaValidator.fromCrdYaml(badField, "v1"));
    assertTrue(e.getMessage().contains("spec"), e.getMessage());
    String lookahead = CRD.replace("format: duration", "pattern: '^(?!x).*$'");
    assertThrows(
        IllegalArgumentException.class, () -> CrdSchemaValidator.fromCrdYaml(lookahead, "v1"));
    String notBool = CRD.replace("self.mode != 'Safe' || has(self.timeout)", "self.mode");
    assertThrows(
        IllegalArgumentException.class, () -> CrdSchemaValidator.fromCrdYaml(notBool, "v1"));
  }
}
