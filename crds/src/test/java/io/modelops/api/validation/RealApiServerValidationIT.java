package io.modelops.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
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
 * The committed CRD on a real kube-apiserver (built from Go modules): it installs and becomes
 * Established; every example is accepted; every case of {@link InvalidModelDeploymentTest}'s table
 * is refused by the server itself (OpenAPI schema and CEL rules, strict field validation as kubectl
 * sends it) with the field named — and the project's own validator agrees with the server on each
 * one, so the fast tier's verdicts can be trusted.
 */
class RealApiServerValidationIT {

  private static final String NS = "crd-validation";
  private static final CrdSchemaValidator VALIDATOR = CrdSchemaValidator.modelDeployment();
  private static KubernetesClient client;

  @BeforeAll
  static void installCrd() throws IOException {
    client = LocalControlPlane.shared().client();
    Path crdFile = Path.of("..", CrdSchemaValidator.MODEL_DEPLOYMENT_CRD);
    CustomResourceDefinition crd =
        client
            .getKubernetesSerialization()
            .unmarshal(Files.readString(crdFile), CustomResourceDefinition.class);
    client.resource(crd).forceConflicts().serverSideApply();
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(RealApiServerValidationIT::established, 60, TimeUnit.SECONDS);
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

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.ExamplesValidationTest#examples")
  void everyExampleIsAccepted(Path file) throws IOException {
    List<JsonNode> docs =
        CrdSchemaValidator.readYamlDocuments(Files.readString(file, StandardCharsets.UTF_8));
    for (JsonNode doc : docs) {
      if (!ModelDeployment.KIND.equals(doc.path("kind").asText())) {
        continue;
      }
      var created = dryRunCreate(doc);
      assertEquals(doc.path("metadata").path("name").asText(), created.getMetadata().getName());
    }
  }

  @Test
  void fixturesAreAccepted() {
    dryRunCreate(ModelDeploymentFixtures.full());
    dryRunCreate(ModelDeploymentFixtures.minimal());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.modelops.api.validation.InvalidModelDeploymentTest#invalid")
  void invalidCaseIsRefusedByTheServerAsByOurValidator(
      String name, UnaryOperator<JsonNode> edit, String field, String expectedText) {
    JsonNode doc = edit.apply(ModelDeploymentFixtures.full());
    List<Violation> ours = VALIDATOR.validate(doc);
    assertFalse(ours.isEmpty(), name + ": our validator accepts it");
    try {
      dryRunCreate(doc);
      fail(name + ": the API server accepted it, our validator refused it with " + ours);
    } catch (KubernetesClientException e) {
      assertTrue(
          e.getCode() >= 400 && e.getCode() < 500,
          name + ": expected a 4xx refusal, got " + e.getCode() + " " + e.getMessage());
      if (e.getCode() == 422) {
        assertTrue(
            e.getMessage().contains(field),
            name + ": the server's refusal does not name " + field + ": " + e.getMessage());
      }
    }
  }

  /** Creates with dryRun=All and fieldValidation=Strict, as {@code kubectl apply} does. */
  private static GenericKubernetesResource dryRunCreate(JsonNode doc) {
    ObjectNode copy = doc.deepCopy();
    ((ObjectNode) copy.path("metadata")).put("namespace", NS);
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
    return client
        .resource(resource)
        .dryRun()
        .fieldValidation(FieldValidateable.Validation.STRICT)
        .create();
  }
}
