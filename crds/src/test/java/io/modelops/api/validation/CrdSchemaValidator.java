package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Validates custom resources against a generated CRD the way the Kubernetes API server would,
 * standing in for it where tests run against the fabric8 mock server (which stores anything):
 *
 * <ol>
 *   <li>the {@code openAPIV3Schema} with a JSON-schema validator (networknt), Kubernetes extensions
 *       translated by {@link JsonSchemaTranslator} (unknown fields refused, int-or-string,
 *       nullable);
 *   <li>Kubernetes {@code format}s ({@link KubernetesFormats});
 *   <li>every {@code x-kubernetes-validations} CEL rule with CEL-Java ({@link CelRuleEvaluator}),
 *       transition rules ({@code oldSelf}) on {@link #validateUpdate}; as on the API server, the
 *       rules are skipped after a blocking schema error (wrong type, enum, required, too long);
 *   <li>{@code metadata.name} / {@code namespace} syntax.
 * </ol>
 *
 * Schema {@code default}s are applied first, as the API server defaults before it validates. Each
 * {@link Violation} names the offending field ({@code spec.runtime.replicas}). Not modelled: CEL
 * cost limits, {@code x-kubernetes-list-type} uniqueness, ratcheting of unchanged invalid values.
 *
 * <p>Published in the {@code modelops-crds} test-jar; users also need {@code
 * com.networknt:json-schema-validator} and {@code dev.cel:cel} on their test classpath.
 */
public final class CrdSchemaValidator {

  /** Classpath location of the committed ModelDeployment CRD (packaged in modelops-crds). */
  public static final String MODEL_DEPLOYMENT_CRD = "crds/modeldeployments.modelops.io-v1.yml";

  /** Classpath location of the committed DrillSchedule CRD. */
  public static final String DRILL_SCHEDULE_CRD = "crds/drillschedules.modelops.io-v1.yml";

  /** Classpath location of the committed DrillRun CRD. */
  public static final String DRILL_RUN_CRD = "crds/drillruns.modelops.io-v1.yml";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DNS1123_SUBDOMAIN =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  /**
   * Schema errors after which the API server does not evaluate CEL rules (wrong type, enum,
   * required, too long, too many), because rules may rely on them.
   */
  private static final Set<String> BLOCKING =
      Set.of("type", "enum", "required", "maxLength", "maxItems", "maxProperties");

  private final JsonNode openApiSchema;
  private final JsonSchema jsonSchema;
  private final CelRuleEvaluator rules;
  private final String apiVersion;
  private final String kind;

  private CrdSchemaValidator(JsonNode crd, String version) {
    JsonNode spec = crd.path("spec");
    this.kind = spec.path("names").path("kind").asText();
    this.apiVersion = spec.path("group").asText() + "/" + version;
    JsonNode served = null;
    for (JsonNode v : spec.path("versions")) {
      if (version.equals(v.path("name").asText())) {
        served = v.path("schema").path("openAPIV3Schema");
      }
    }
    if (served == null || served.isMissingNode()) {
      throw new IllegalArgumentException("CRD " + kind + " has no schema for version " + version);
    }
    this.openApiSchema = served;
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build();
    this.jsonSchema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(JsonSchemaTranslator.translateRoot(served, apiVersion, kind), config);
    this.rules = new CelRuleEvaluator(served, kind);
  }

  /** The validator for the committed ModelDeployment CRD, version v1alpha1 (built once). */
  public static CrdSchemaValidator modelDeployment() {
    return ModelDeploymentHolder.INSTANCE;
  }

  /** The validator for the committed DrillSchedule CRD, version v1alpha1 (built once). */
  public static CrdSchemaValidator drillSchedule() {
    return DrillScheduleHolder.INSTANCE;
  }

  /** The validator for the committed DrillRun CRD, version v1alpha1 (built once). */
  public static CrdSchemaValidator drillRun() {
    return DrillRunHolder.INSTANCE;
  }

  /** A validator for {@code version} of the CRD in {@code crdYaml}. */
  public static CrdSchemaValidator fromCrdYaml(String crdYaml, String version) {
    return new CrdSchemaValidator(readYaml(crdYaml), version);
  }

  /** Number of CEL rules in the schema (all compiled). */
  public int ruleCount() {
    return rules.ruleCount();
  }

  /** Validates a create of the single resource in {@code yamlOrJson}. */
  public List<Violation> validate(String yamlOrJson) {
    return validate(readYaml(yamlOrJson));
  }

  /** Validates a create of {@code resource} (a typed fabric8 object). */
  public List<Violation> validate(HasMetadata resource) {
    return validate(toJson(resource));
  }

  /**
   * Validates a create of {@code resource}. Like the API server with the status subresource
   * enabled, {@code status} is ignored on create and update: see {@link #validateStatus}.
   */
  public List<Violation> validate(JsonNode resource) {
    return check(withoutStatus(resource), null);
  }

  /** Validates an update from {@code oldResource} to {@code newResource} (transition rules). */
  public List<Violation> validateUpdate(HasMetadata oldResource, HasMetadata newResource) {
    return validateUpdate(toJson(oldResource), toJson(newResource));
  }

  /** Validates an update from {@code oldResource} to {@code newResource} (transition rules). */
  public List<Violation> validateUpdate(JsonNode oldResource, JsonNode newResource) {
    return check(withoutStatus(newResource), withoutStatus(oldResource));
  }

  /** Validates the whole object including {@code status}, as a write to /status is checked. */
  public List<Violation> validateStatus(JsonNode resource) {
    return check(resource.deepCopy(), null);
  }

  private List<Violation> check(ObjectNode resource, ObjectNode oldResource) {
    SchemaDefaults.apply(openApiSchema, resource);
    if (oldResource != null) {
      SchemaDefaults.apply(openApiSchema, oldResource);
    }
    List<Violation> violations = new ArrayList<>();
    boolean blocking = false;
    for (ValidationMessage m : jsonSchema.validate(resource)) {
      violations.add(toViolation(m));
      blocking |= BLOCKING.contains(m.getType());
    }
    SchemaWalker.walk(
        openApiSchema,
        resource,
        null,
        "",
        (schema, value, old, path) -> {
          if (schema.has("format")) {
            KubernetesFormats.check(schema.get("format").asText(), value)
                .ifPresent(msg -> violations.add(new Violation(path, "Invalid value: " + msg)));
          }
        });
    checkMetadata(resource.path("metadata"), violations);
    if (blocking) {
      violations.add(
          new Violation(
              "",
              "Invalid value: some validation rules were not checked because the object was"
                  + " invalid; correct the existing errors to complete validation"));
    } else {
      violations.addAll(rules.evaluate(resource, oldResource));
    }
    violations.sort(Comparator.comparing(Violation::field).thenComparing(Violation::message));
    return List.copyOf(violations);
  }

  private static void checkMetadata(JsonNode metadata, List<Violation> violations) {
    if (!metadata.isObject()) {
      return;
    }
    String name = metadata.path("name").asText("");
    if (name.isEmpty() && !metadata.hasNonNull("generateName")) {
      violations.add(
          new Violation("metadata.name", "Required value: name or generateName is required"));
    } else if (!name.isEmpty() && (name.length() > 253 || !name.matches(DNS1123_SUBDOMAIN))) {
      violations.add(
          new Violation(
              "metadata.name",
              "Invalid value: \"" + name + "\": must be a lowercase RFC 1123 subdomain"));
    }
    String namespace = metadata.path("namespace").asText("");
    if (!namespace.isEmpty() && (namespace.length() > 63 || !namespace.matches(DNS1123_LABEL))) {
      violations.add(
          new Violation(
              "metadata.namespace",
              "Invalid value: \"" + namespace + "\": must be a lowercase RFC 1123 label"));
    }
    for (String map : List.of("labels", "annotations")) {
      metadata
          .path(map)
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().isTextual()) {
                  violations.add(
                      new Violation(
                          "metadata." + map + "[" + e.getKey() + "]",
                          "Invalid value: must be a string"));
                }
              });
    }
  }

  /** Formats a JSON-schema instance location as a Kubernetes field path: map keys in brackets. */
  private Violation toViolation(ValidationMessage m) {
    StringBuilder path = new StringBuilder();
    var location = m.getInstanceLocation();
    JsonNode schema = openApiSchema;
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
        schema = schema.path("items");
      } else if (schema.path("properties").has((String) element) || i == 0) {
        path.append(path.length() == 0 ? "" : ".").append(element);
        schema = schema.path("properties").path((String) element);
      } else {
        path.append('[').append(element).append(']');
        schema = schema.path("additionalProperties");
      }
    }
    String error = Objects.requireNonNullElse(m.getError(), m.getMessage());
    switch (m.getType()) {
      case "required":
        return new Violation(SchemaWalker.join(path.toString(), m.getProperty()), "Required value");
      case "additionalProperties":
        return new Violation(
            SchemaWalker.join(path.toString(), m.getProperty()), "Unknown field: " + error);
      default:
        return new Violation(
            path.toString(), "Invalid value: " + m.getInstanceNode() + ": " + error);
    }
  }

  private static ObjectNode withoutStatus(JsonNode resource) {
    if (!resource.isObject()) {
      throw new IllegalArgumentException("a resource must be a YAML/JSON object: " + resource);
    }
    ObjectNode copy = resource.deepCopy();
    copy.remove("status");
    return copy;
  }

  /** Parses one YAML (or JSON) document into a Jackson tree. */
  public static JsonNode readYaml(String text) {
    Object loaded = new Load(LoadSettings.builder().build()).loadFromString(text);
    return JSON.valueToTree(loaded);
  }

  /** Parses every document of a multi-document YAML file. */
  public static List<JsonNode> readYamlDocuments(String text) {
    List<JsonNode> docs = new ArrayList<>();
    for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
      if (doc != null) {
        docs.add(JSON.valueToTree(doc));
      }
    }
    return docs;
  }

  private static JsonNode toJson(HasMetadata resource) {
    try {
      return JSON.readTree(new KubernetesSerialization().asJson(resource));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class ModelDeploymentHolder {
    static final CrdSchemaValidator INSTANCE = load(MODEL_DEPLOYMENT_CRD);
  }

  private static final class DrillScheduleHolder {
    static final CrdSchemaValidator INSTANCE = load(DRILL_SCHEDULE_CRD);
  }

  private static final class DrillRunHolder {
    static final CrdSchemaValidator INSTANCE = load(DRILL_RUN_CRD);
  }

  private static CrdSchemaValidator load(String resource) {
    try (InputStream in = CrdSchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return fromCrdYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8), "v1alpha1");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
