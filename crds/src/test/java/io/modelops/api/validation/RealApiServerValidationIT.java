package io.modelops.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.localcluster.LocalControlPlane;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs (ModelDeployment, DrillSchedule, DrillRun) on a real kube-apiserver (built
 * from Go modules): it installs and becomes Established; every example is accepted; every case of
 * {@link InvalidModelDeploymentTest}'s, {@link InvalidDrillScheduleTest}'s and {@link
 * InvalidDrillRunTest}'s tables is refused by the server itself (OpenAPI schema and CEL rules,
 * strict field validation as kubectl sends it) with the field named — and the project's own
 * validator agrees with the server on each one, so the fast tier's verdicts can be trusted.
 */
class RealApiServerValidationIT {

  private static final String NS = "crd-validation";
  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.modelDeployment();
  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() {
    LocalControlPlane plane = LocalControlPlane.shared();
    client = plane.client();
    plane.installCrd(Path.of("..", CrdSchemaValidator.MODEL_DEPLOYMENT_CRD));
    plane.installCrd(Path.of("..", CrdSchemaValidator.DRILL_SCHEDULE_CRD));
    plane.installCrd(Path.of("..", CrdSchemaValidator.DRILL_RUN_CRD));
    if (client.namespaces().withName(NS).get() == null) {
      client
          .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
          .create();
    }
  }

  @AfterAll
  static void close() {
    if (client != null) {
      client.namespaces().withName(NS).delete();
      client.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.ExamplesValidationTest#examples")
  void everyExampleIsAccepted(Path file) throws IOException {
    List<JsonNode> docs =
        CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8));
    for (JsonNode doc : docs) {
      if (ModelDeployment.KIND.equals(doc.path("kind").asText())) {
        var answer = dryRunCreate(doc);
        assertEquals(201, answer.code(), file + ": " + answer.body());
      }
    }
  }

  @Test
  void fixturesAreAccepted() {
    for (JsonNode doc :
        List.of(ModelDeploymentFixtures.full(), ModelDeploymentFixtures.minimal())) {
      var answer = dryRunCreate(doc);
      assertEquals(201, answer.code(), answer.body());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.InvalidModelDeploymentTest#invalid")
  void invalidCaseIsRefusedByTheServerAsByOurValidator(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    refusedByBoth(name, edit.apply(ModelDeploymentFixtures.full()), VALIDATOR, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.ExamplesValidationTest#drillExamples")
  void everyDrillExampleIsAccepted(Path file) throws IOException {
    for (JsonNode doc :
        CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8))) {
      var answer = dryRunCreate(doc);
      assertEquals(201, answer.code(), file + ": " + answer.body());
    }
  }

  @Test
  void drillFixturesAreAccepted() {
    for (JsonNode doc :
        List.of(
            DrillFixtures.fullSchedule(),
            DrillFixtures.minimalSchedule(),
            DrillFixtures.fullRun(),
            DrillFixtures.minimalRun())) {
      var answer = dryRunCreate(doc);
      assertEquals(201, answer.code(), answer.body());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.InvalidDrillScheduleTest#invalid")
  void invalidDrillScheduleIsRefusedByTheServerAsByOurValidator(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    refusedByBoth(
        name, edit.apply(DrillFixtures.fullSchedule()), CrdSchemaValidator.drillSchedule(), field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.InvalidDrillRunTest#invalid")
  void invalidDrillRunIsRefusedByTheServerAsByOurValidator(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    refusedByBoth(name, edit.apply(DrillFixtures.fullRun()), CrdSchemaValidator.drillRun(), field);
  }

  private static void refusedByBoth(
      String name, JsonNode doc, CrdSchemaValidator validator, String field) {
    List<Violation> ours = validator.validate(doc);
    assertFalse(ours.isEmpty(), name + ": our validator accepts it");
    var answer = dryRunCreate(doc);
    assertTrue(
        answer.code() >= 400 && answer.code() < 500,
        name
            + ": the API server answered "
            + answer.code()
            + ", our validator refused it with "
            + ours
            + "\n"
            + answer.body());
    if (answer.code() == 422 && !field.isEmpty()) {
      assertTrue(
          answer.body().contains(field),
          name + ": the server's refusal does not name " + field + ": " + answer.body());
    }
  }

  record Answer(int code, String body) {}

  /**
   * POSTs the document as {@code kubectl apply} would create it: to the collection of its own
   * apiVersion, with {@code dryRun=All} and {@code fieldValidation=Strict}.
   */
  private static Answer dryRunCreate(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    ((ObjectNode) copy.path("metadata")).put("namespace", NS);
    String url =
        client.getMasterUrl().toString().replaceAll("/$", "")
            + "/apis/"
            + copy.path("apiVersion").asText()
            + "/namespaces/"
            + NS
            + "/"
            + copy.path("kind").asText().toLowerCase(java.util.Locale.ROOT)
            + "s?dryRun=All&fieldValidation=Strict";
    var http = client.getHttpClient();
    var request =
        http.newHttpRequestBuilder().uri(url).post("application/json", copy.toString()).build();
    try {
      var response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
      return new Answer(response.code(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException("POST " + url + " failed", e);
    }
  }
}
