package io.modelops.e2e.demo;

import io.modelops.e2e.cluster.V2Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.Pod;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the demo prints: objects, status, one inference, and how to use kubectl. */
final class DemoReport {

  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private final LocalCluster cluster;
  private final String namespace;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  DemoReport(LocalCluster cluster, String namespace, PrintStream out) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.out = out;
  }

  /** Prints the objects like {@code kubectl get md,deploy,svc,pdb,pods}. */
  void printObjects() {
    String ns = "/namespaces/" + namespace + "/";
    print(
        "ModelDeployments (kubectl get md)",
        "/apis/modelops.io/v1alpha1" + ns + "modeldeployments");
    print("Deployments (kubectl get deploy)", "/apis/apps/v1" + ns + "deployments");
    print("Services (kubectl get svc)", "/api/v1" + ns + "services");
    print(
        "PodDisruptionBudgets (kubectl get pdb)", "/apis/policy/v1" + ns + "poddisruptionbudgets");
    print("Pods (kubectl get pods)", "/api/v1" + ns + "pods");
  }

  private void print(String title, String path) {
    out.println();
    out.println("-- " + title);
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(cluster.apiServer().url() + path))
                  .header("Accept", TABLE)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      out.print(TextTable.format(mapper.readTree(r.body()), false));
    } catch (IOException e) {
      out.println("(cannot read " + path + ": " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints which process stands in for which pod (real-process runtime only). */
  void printProcesses() {
    if (!(cluster.runtime() instanceof ProcessPodRuntime processes)) {
      return;
    }
    out.println();
    out.println("-- inference-runtime processes standing in for the pods");
    processes
        .processes()
        .forEach(
            (pod, p) ->
                out.printf(
                    "pod %s: pid %d, http://127.0.0.1:%d, log %s%n",
                    pod, p.process().pid(), p.port(), p.log()));
  }

  /** Prints a ModelDeployment's status as YAML. */
  void printStatus(String name) {
    ModelDeployment md =
        cluster
            .client()
            .resources(ModelDeployment.class)
            .inNamespace(namespace)
            .withName(name)
            .get();
    out.println();
    out.println("-- status of modeldeployment/" + name + " (kubectl get md " + name + " -o yaml)");
    if (md == null || md.getStatus() == null) {
      out.println("(no status)");
      return;
    }
    try {
      JsonNode status =
          cluster
              .client()
              .getKubernetesSerialization()
              .convertValue(md.getStatus(), JsonNode.class);
      out.print(YAML.writeValueAsString(status));
    } catch (IOException e) {
      out.println("(cannot print status: " + e.getMessage() + ")");
    }
  }

  /**
   * Sends one V2 inference request to a ready pod of the first ModelDeployment that has one.
   *
   * @return whether an answer with outputs came back
   */
  boolean printInference(List<ModelDeployment> applied) {
    out.println();
    for (ModelDeployment md : applied) {
      Optional<Pod> pod = readyPod(md.getMetadata().getName());
      Optional<URI> endpoint =
          pod.flatMap(p -> cluster.runtime().endpoint(namespace, p.getMetadata().getName()));
      if (endpoint.isEmpty()) {
        continue;
      }
      String model =
          md.getSpec().getModel().getName() != null
              ? md.getSpec().getModel().getName()
              : md.getMetadata().getName();
      V2Client v2 = new V2Client(endpoint.get());
      try {
        JsonNode meta = v2.metadata(model);
        JsonNode request = v2.requestFor(meta, 3);
        JsonNode response = v2.infer(model, request);
        out.printf(
            "-- V2 inference through pod %s (%s)%n",
            pod.get().getMetadata().getName(), endpoint.get());
        out.printf("POST /v2/models/%s/infer%n", model);
        for (JsonNode in : request.path("inputs")) {
          out.printf(
              "  input  %-10s %s %s = %s%n",
              in.path("name").asText(),
              in.path("datatype").asText(),
              in.path("shape"),
              in.path("data"));
        }
        for (JsonNode o : response.path("outputs")) {
          out.printf(
              "  output %-10s %s %s = %s%n",
              o.path("name").asText(),
              o.path("datatype").asText(),
              o.path("shape"),
              o.path("data"));
        }
        return response.path("outputs").size() > 0;
      } catch (IOException e) {
        out.println("inference request failed: " + e.getMessage());
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    out.println("(no ready pod with a reachable endpoint: no inference request sent)");
    return false;
  }

  private Optional<Pod> readyPod(String mdName) {
    return cluster
        .client()
        .pods()
        .inNamespace(namespace)
        .withLabel("app.kubernetes.io/instance", mdName)
        .list()
        .getItems()
        .stream()
        .filter(DemoReport::isReady)
        .findFirst();
  }

  private static boolean isReady(Pod p) {
    return p.getStatus() != null
        && p.getStatus().getConditions() != null
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Prints how to reach the demo with kubectl. */
  void printKubectlUsage(Path kubeconfig, Path repo) {
    String config =
        kubeconfig.startsWith(repo) ? "$PWD/" + repo.relativize(kubeconfig) : kubeconfig.toString();
    out.println();
    out.println("-- Use kubectl against the demo (from " + repo + "):");
    out.println("  export KUBECONFIG=" + config);
    out.println(
        "  kubectl get md                      # MODEL STABLE CANARY WEIGHT READY PHASE AGE");
    out.println("  kubectl get md ctr-ranker -o yaml   # spec, status, conditions");
    out.println("  kubectl get deploy,svc,pdb,pods");
    out.println(
        "  sed 's/replicas: 2/replicas: 3/' examples/ctr-ranker.yaml | kubectl apply -f -"
            + "   # a third runtime process starts");
    out.println(
        "  sed 's/replicas: 2/replicas: -1/' examples/ctr-ranker.yaml | kubectl apply -f -"
            + "  # refused: spec.runtime.replicas");
    out.println("  kubectl delete md ctr-ranker-pvc");
    out.println("  kubectl explain md.spec.runtime");
    out.println(
        "Not supported by the embedded API server: watches over HTTP (kubectl get -w, wait,"
            + " rollout status), server-side apply, protobuf bodies (imperative kubectl create"
            + " ...): use kubectl apply -f.");
    out.println();
  }
}
