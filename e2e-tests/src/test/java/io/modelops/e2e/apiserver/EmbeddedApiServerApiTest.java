package io.modelops.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedApiServerApiTest {

  static final Path REPO = Path.of(System.getProperty("repo.root", ".."));
  static final ResourceDefinitionContext MD =
      new ResourceDefinitionContext.Builder()
          .withGroup("modelops.io")
          .withVersion("v1alpha1")
          .withPlural("modeldeployments")
          .withKind("ModelDeployment")
          .withNamespaced(true)
          .build();

  static EmbeddedApiServer server;
  static KubernetesClient client;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper mapper = new ObjectMapper();

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedApiServer.start(0);
    server.installCrds(REPO.resolve("crds/modeldeployments.modelops.io-v1.yml"));
    client = server.newClient("api-test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).header("Accept", accept).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static GenericKubernetesResource newMd(String ns, String name) {
    GenericKubernetesResource md = new GenericKubernetesResource();
    md.setApiVersion("modelops.io/v1alpha1");
    md.setKind("ModelDeployment");
    md.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).build());
    md.setAdditionalProperty(
        "spec",
        Map.of(
            "model",
            Map.of("name", "ctr-ranker", "version", "v1", "uri", "file:///models/m.onnx"),
            "runtime",
            Map.of("replicas", 2)));
    return client.genericKubernetesResources(MD).inNamespace(ns).resource(md).create();
  }

  @Test
  void discoveryAnnouncesTheCrdWithShortNamesAndStatus() throws Exception {
    JsonNode groups = mapper.readTree(get("/apis", "application/json").body());
    assertTrue(groups.toString().contains("\"modelops.io/v1alpha1\""), groups.toString());
    JsonNode list = mapper.readTree(get("/apis/modelops.io/v1alpha1", "application/json").body());
    JsonNode md = list.path("resources").path(0);
    assertEquals("modeldeployments", md.path("name").asText());
    assertEquals("ModelDeployment", md.path("kind").asText());
    assertEquals("[\"md\",\"mdep\"]", md.path("shortNames").toString());
    assertEquals("modeldeployments/status", list.path("resources").path(1).path("name").asText());
    assertTrue(client.supports("modelops.io/v1alpha1", "ModelDeployment"));
  }

  @Test
  void statusMergePatchReplacesConditionsInsteadOfAppending() {
    GenericKubernetesResource md = newMd("status-test", "a");
    for (String reason : List.of("First", "Second")) {
      md.setAdditionalProperty(
          "status",
          Map.of(
              "phase",
              "Healthy",
              "conditions",
              List.of(Map.of("type", "Ready", "status", "True", "reason", reason))));
      md =
          client
              .genericKubernetesResources(MD)
              .inNamespace("status-test")
              .resource(md)
              .patchStatus();
    }
    GenericKubernetesResource stored =
        client.genericKubernetesResources(MD).inNamespace("status-test").withName("a").get();
    List<?> conditions = (List<?>) ((Map<?, ?>) stored.get("status")).get("conditions");
    assertEquals(1, conditions.size(), "conditions: " + conditions);
    assertEquals("Second", ((Map<?, ?>) conditions.get(0)).get("reason"));
    assertTrue(server.requests().count("api-test", "patch", "modeldeployments/status") >= 2);
  }

  @Test
  void tableUsesPrinterColumnsWithValuesFromStatus() throws Exception {
    GenericKubernetesResource md = newMd("table-test", "ranker");
    md.setAdditionalProperty(
        "status",
        Map.of(
            "model",
            "ctr-ranker",
            "phase",
            "Healthy",
            "ready",
            "2/2",
            "stable",
            Map.of("version", "v1")));
    client.genericKubernetesResources(MD).inNamespace("table-test").resource(md).patchStatus();

    JsonNode table =
        mapper.readTree(
            get(
                    "/apis/modelops.io/v1alpha1/namespaces/table-test/modeldeployments",
                    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .body());
    assertEquals("Table", table.path("kind").asText());
    StringBuilder names = new StringBuilder();
    table.path("columnDefinitions").forEach(c -> names.append(c.path("name").asText()).append(' '));
    assertEquals(
        "Name Model Stable Canary Weight Ready Phase Age Last-Drill Verdict Step ", names.toString());
    JsonNode cells = table.path("rows").path(0).path("cells");
    assertEquals("ranker", cells.path(0).asText());
    assertEquals("ctr-ranker", cells.path(1).asText());
    assertEquals("v1", cells.path(2).asText());
    assertTrue(cells.path(3).isNull(), "no canary yet");
    assertEquals("2/2", cells.path(5).asText());
    assertEquals("Healthy", cells.path(6).asText());
    assertTrue(cells.path(7).asText().endsWith("s"), cells.toString());
    assertEquals(
        "PartialObjectMetadata", table.path("rows").path(0).path("object").path("kind").asText());
  }

  @Test
  void builtinTablesHaveKubectlColumns() throws Exception {
    Deployment d =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("img:1")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.apps().deployments().inNamespace("tables").resource(d).create();
    JsonNode table =
        mapper.readTree(
            get(
                    "/apis/apps/v1/namespaces/tables/deployments/web",
                    "application/json;as=Table;v=v1;g=meta.k8s.io")
                .body());
    JsonNode cells = table.path("rows").path(0).path("cells");
    assertEquals("web", cells.path(0).asText());
    assertEquals("0/3", cells.path(1).asText());
    assertEquals("img:1", cells.path(6).asText());
  }

  @Test
  void watchesDeliverEventsToFabric8Clients() throws Exception {
    CountDownLatch added = new CountDownLatch(1);
    try (var watch =
        client
            .genericKubernetesResources(MD)
            .inNamespace("watch-test")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, GenericKubernetesResource r) {
                    if (action == Action.ADDED && r.getMetadata().getName().equals("w")) {
                      added.countDown();
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      newMd("watch-test", "w");
      assertTrue(added.await(10, TimeUnit.SECONDS), "ADDED event received");
    }
  }

  @Test
  void serverSideApplyAndProtobufAreRefusedWithAClearMessage() throws Exception {
    HttpResponse<String> ssa =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "/apis/apps/v1/namespaces/default/deployments/x?fieldManager=t"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/apply-patch+yaml")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(415, ssa.statusCode());
    assertTrue(ssa.body().contains("server-side apply is not supported"), ssa.body());
    HttpResponse<String> proto =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/apis/apps/v1/namespaces/default/deployments"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x6b, 0x38, 0, 0}))
                .header("Content-Type", "application/vnd.kubernetes.protobuf")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(415, proto.statusCode());
    assertTrue(proto.body().contains("JSON only"), proto.body());
  }

  @Test
  void namespaceListsAreSortedAndFilteredBySelectors() {
    for (String[] p :
        new String[][] {{"list-a", "b", "x"}, {"list-a", "a", "y"}, {"list-b", "c", "x"}}) {
      client
          .pods()
          .inNamespace(p[0])
          .resource(
              new io.fabric8.kubernetes.api.model.PodBuilder()
                  .withNewMetadata()
                  .withName(p[1])
                  .addToLabels("tier", p[2])
                  .endMetadata()
                  .build())
          .create();
    }
    assertEquals(
        List.of("a", "b"),
        client.pods().inNamespace("list-a").list().getItems().stream()
            .map(p -> p.getMetadata().getName())
            .toList());
    assertEquals(
        List.of("b"),
        client.pods().inNamespace("list-a").withLabel("tier", "x").list().getItems().stream()
            .map(p -> p.getMetadata().getName())
            .toList());
    assertEquals(3, client.pods().inAnyNamespace().withLabel("tier").list().getItems().size());
    client.pods().inNamespace("list-a").withName("a").delete();
    assertEquals(1, client.pods().inNamespace("list-a").list().getItems().size());
  }

  @Test
  void invalidCustomResourcesAreRefusedLikeARealApiServer() {
    GenericKubernetesResource md = newMd("valid-test", "ok");
    md.setAdditionalProperty(
        "spec",
        Map.of(
            "model",
            Map.of("name", "ctr-ranker", "version", "v1", "uri", "file:///models/m.onnx"),
            "runtime",
            Map.of("replicas", -1)));
    md.getMetadata().setName("bad");
    md.getMetadata().setResourceVersion(null);
    io.fabric8.kubernetes.client.KubernetesClientException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.fabric8.kubernetes.client.KubernetesClientException.class,
            () ->
                client
                    .genericKubernetesResources(MD)
                    .inNamespace("valid-test")
                    .resource(md)
                    .create());
    assertEquals(422, e.getCode());
    assertTrue(
        e.getMessage().contains("ModelDeployment.modelops.io \"bad\" is invalid"), e.getMessage());
    assertTrue(e.getMessage().contains("spec.runtime.replicas"), e.getMessage());
    assertEquals(
        null,
        client.genericKubernetesResources(MD).inNamespace("valid-test").withName("bad").get());
  }

  @Test
  void aBusyPortIsAClearError() {
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> EmbeddedApiServer.start(server.port()));
    assertTrue(
        e.getMessage().startsWith("cannot listen on 127.0.0.1:" + server.port()), e.getMessage());
  }

  @Test
  void missingObjectsAnswerNotFoundStatus() throws Exception {
    HttpResponse<String> r =
        get("/apis/modelops.io/v1alpha1/namespaces/none/modeldeployments/nope", "application/json");
    assertEquals(404, r.statusCode());
    JsonNode status = mapper.readTree(r.body());
    assertEquals("NotFound", status.path("reason").asText());
    assertEquals(
        "modeldeployments.modelops.io \"nope\" not found", status.path("message").asText());
  }
}
