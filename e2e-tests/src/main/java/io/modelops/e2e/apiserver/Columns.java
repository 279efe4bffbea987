package io.modelops.e2e.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Table columns per resource type: a CRD's {@code additionalPrinterColumns}, or columns close to
 * kube-apiserver's own printers for the built-in kinds this project creates.
 */
final class Columns {

  private final Clock clock;

  Columns(Clock clock) {
    this.clock = clock;
  }

  /** Columns for one served version of a CRD: Name, then its additionalPrinterColumns. */
  List<TableColumn> forCrd(JsonNode crd, String version) {
    List<TableColumn> out = new ArrayList<>();
    out.add(nameColumn());
    JsonNode v = servedVersion(crd, version);
    JsonNode printerColumns = v.path("additionalPrinterColumns");
    if (printerColumns.isMissingNode() || printerColumns.isEmpty()) {
      out.add(age());
      return out;
    }
    for (JsonNode col : printerColumns) {
      SimpleJsonPath path = SimpleJsonPath.compile(col.path("jsonPath").asText());
      String type = col.path("type").asText("string");
      String desc =
          col.path("description")
              .asText("Custom resource definition column (in JSONPath format): " + path);
      Function<JsonNode, Object> cell = obj -> cellFor(type, path.read(obj));
      out.add(
          new TableColumn(
              col.path("name").asText(),
              type,
              col.path("format").asText(""),
              desc,
              col.path("priority").asInt(0),
              cell));
    }
    return out;
  }

  private static JsonNode servedVersion(JsonNode crd, String version) {
    for (JsonNode v : crd.path("spec").path("versions")) {
      if (v.path("name").asText().equals(version)) {
        return v;
      }
    }
    return crd.path("spec").path("versions").path(0);
  }

  private Object cellFor(String type, JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return null;
    }
    return switch (type) {
      case "integer" -> value.canConvertToLong() ? (Object) value.asLong() : value.asText();
      case "number" -> value.isNumber() ? (Object) value.numberValue() : value.asText();
      case "boolean" -> value.isBoolean() ? (Object) value.asBoolean() : value.asText();
      case "date" -> HumanDuration.since(value.asText(), clock.instant());
      default -> value.isValueNode() ? value.asText() : value.toString();
    };
  }

  /** Columns for a built-in resource (by plural name). */
  List<TableColumn> forBuiltin(String plural) {
    return switch (plural) {
      case "pods" -> pods();
      case "deployments" -> deployments();
      case "replicasets" -> replicaSets();
      case "services" -> services();
      case "poddisruptionbudgets" -> pdbs();
      case "horizontalpodautoscalers" -> hpas();
      case "events" -> events();
      case "namespaces" ->
          List.of(nameColumn(), TableColumn.of("Status", o -> text(o, "status", "phase")), age());
      case "customresourcedefinitions" ->
          List.of(
              nameColumn(),
              TableColumn.of(
                  "Created At", o -> o.path("metadata").path("creationTimestamp").asText(null)));
      default -> List.of(nameColumn(), age());
    };
  }

  private List<TableColumn> pods() {
    return List.of(
        nameColumn(),
        TableColumn.of(
            "Ready",
            o -> {
              JsonNode statuses = o.path("status").path("containerStatuses");
              long ready = 0;
              for (JsonNode s : statuses) {
                if (s.path("ready").asBoolean()) {
                  ready++;
                }
              }
              return ready + "/" + o.path("spec").path("containers").size();
            }),
        TableColumn.of("Status", Columns::podStatus),
        TableColumn.integer(
            "Restarts",
            o -> {
              long restarts = 0;
              for (JsonNode s : o.path("status").path("containerStatuses")) {
                restarts += s.path("restartCount").asLong();
              }
              return restarts;
            }),
        age(),
        TableColumn.wide("IP", o -> orNone(text(o, "status", "podIP"))),
        TableColumn.wide("Node", o -> orNone(text(o, "spec", "nodeName"))));
  }

  private static String podStatus(JsonNode pod) {
    if (!pod.path("metadata").path("deletionTimestamp").isMissingNode()) {
      return "Terminating";
    }
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      String waiting = s.path("state").path("waiting").path("reason").asText("");
      if (!waiting.isEmpty()) {
        return waiting;
      }
      String terminated = s.path("state").path("terminated").path("reason").asText("");
      if (!terminated.isEmpty()) {
        return terminated;
      }
    }
    return pod.path("status").path("phase").asText("Pending");
  }

  private List<TableColumn> deployments() {
    return List.of(
        nameColumn(),
        TableColumn.of(
            "Ready",
            o ->
                o.path("status").path("readyReplicas").asLong()
                    + "/"
                    + o.path("spec").path("replicas").asLong(1)),
        TableColumn.integer("Up-to-date", o -> o.path("status").path("updatedReplicas").asLong()),
        TableColumn.integer("Available", o -> o.path("status").path("availableReplicas").asLong()),
        age(),
        TableColumn.wide("Containers", o -> join(containers(o), "name")),
        TableColumn.wide("Images", o -> join(containers(o), "image")),
        TableColumn.wide("Selector", o -> selector(o.path("spec").path("selector"))));
  }

  private List<TableColumn> replicaSets() {
    return List.of(
        nameColumn(),
        TableColumn.integer("Desired", o -> o.path("spec").path("replicas").asLong(1)),
        TableColumn.integer("Current", o -> o.path("status").path("replicas").asLong()),
        TableColumn.integer("Ready", o -> o.path("status").path("readyReplicas").asLong()),
        age());
  }

  private static JsonNode containers(JsonNode workload) {
    return workload.path("spec").path("template").path("spec").path("containers");
  }

  private List<TableColumn> services() {
    return List.of(
        nameColumn(),
        TableColumn.of("Type", o -> o.path("spec").path("type").asText("ClusterIP")),
        TableColumn.of("Cluster-IP", o -> orNone(text(o, "spec", "clusterIP"))),
        TableColumn.of("External-IP", o -> "<none>"),
        TableColumn.of(
            "Port(s)",
            o -> {
              StringJoiner j = new StringJoiner(",");
              for (JsonNode p : o.path("spec").path("ports")) {
                j.add(p.path("port").asText() + "/" + p.path("protocol").asText("TCP"));
              }
              return j.length() == 0 ? "<none>" : j.toString();
            }),
        age(),
        TableColumn.wide(
            "Selector",
            o -> {
              StringJoiner j = new StringJoiner(",");
              o.path("spec")
                  .path("selector")
                  .fields()
                  .forEachRemaining(e -> j.add(e.getKey() + "=" + e.getValue().asText()));
              return j.length() == 0 ? "<none>" : j.toString();
            }));
  }

  private List<TableColumn> pdbs() {
    return List.of(
        nameColumn(),
        TableColumn.of("Min Available", o -> orNa(o.path("spec").path("minAvailable"))),
        TableColumn.of("Max Unavailable", o -> orNa(o.path("spec").path("maxUnavailable"))),
        TableColumn.integer(
            "Allowed Disruptions", o -> o.path("status").path("disruptionsAllowed").asLong()),
        age());
  }

  private List<TableColumn> hpas() {
    return List.of(
        nameColumn(),
        TableColumn.of(
            "Reference",
            o -> {
              JsonNode ref = o.path("spec").path("scaleTargetRef");
              return ref.path("kind").asText() + "/" + ref.path("name").asText();
            }),
        TableColumn.of("Targets", o -> o.path("spec").path("metrics").size() + " metric(s)"),
        TableColumn.integer("MinPods", o -> o.path("spec").path("minReplicas").asLong(1)),
        TableColumn.integer("MaxPods", o -> o.path("spec").path("maxReplicas").asLong()),
        TableColumn.integer("Replicas", o -> o.path("status").path("currentReplicas").asLong()),
        age());
  }

  private List<TableColumn> events() {
    return List.of(
        TableColumn.of(
            "Last Seen",
            o -> {
              String t = o.path("lastTimestamp").asText("");
              if (t.isEmpty()) {
                t = o.path("eventTime").asText("");
              }
              if (t.isEmpty()) {
                t = o.path("metadata").path("creationTimestamp").asText("");
              }
              return HumanDuration.since(t, clock.instant());
            }),
        TableColumn.of("Type", o -> o.path("type").asText()),
        TableColumn.of("Reason", o -> o.path("reason").asText()),
        TableColumn.of(
            "Object",
            o -> {
              JsonNode ref = o.path("involvedObject");
              return ref.path("kind").asText().toLowerCase() + "/" + ref.path("name").asText();
            }),
        TableColumn.of("Message", o -> o.path("message").asText()));
  }

  private static TableColumn nameColumn() {
    return new TableColumn(
        "Name", "string", "name", "Name must be unique within a namespace.", 0, Columns::name);
  }

  private TableColumn age() {
    return TableColumn.of(
        "Age",
        o ->
            HumanDuration.since(
                o.path("metadata").path("creationTimestamp").asText(null), clock.instant()));
  }

  private static Object name(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static String text(JsonNode o, String a, String b) {
    JsonNode n = o.path(a).path(b);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  private static String orNone(String s) {
    return s == null || s.isEmpty() ? "<none>" : s;
  }

  private static String orNa(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? "N/A" : n.asText();
  }

  private static String join(JsonNode items, String field) {
    StringJoiner j = new StringJoiner(",");
    items.forEach(i -> j.add(i.path(field).asText()));
    return j.toString();
  }

  private static String selector(JsonNode selector) {
    StringJoiner j = new StringJoiner(",");
    selector
        .path("matchLabels")
        .fields()
        .forEachRemaining(e -> j.add(e.getKey() + "=" + e.getValue().asText()));
    return j.length() == 0 ? "<none>" : j.toString();
  }
}
