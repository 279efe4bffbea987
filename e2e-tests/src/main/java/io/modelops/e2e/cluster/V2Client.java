package io.modelops.e2e.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small Open Inference Protocol (V2) client: reads a model's metadata and sends a request built
 * from it (small non-negative ids for integer inputs, a ramp for float inputs), so the demo does
 * not hard-code the example model's input names.
 */
public final class V2Client {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private final URI base;

  public V2Client(URI base) {
    this.base = base;
  }

  /** {@code GET /v2/models/{model}}. */
  public JsonNode metadata(String model) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve("/v2/models/" + model)).GET());
  }

  /** Builds a request for {@code rows} rows from the model's metadata. */
  public ObjectNode requestFor(JsonNode metadata, int rows) {
    ObjectNode req = mapper.createObjectNode();
    req.put("id", "modelops-demo");
    ArrayNode inputs = req.putArray("inputs");
    for (JsonNode in : metadata.path("inputs")) {
      ObjectNode t = inputs.addObject();
      t.put("name", in.path("name").asText());
      String datatype = in.path("datatype").asText();
      t.put("datatype", datatype);
      ArrayNode shape = t.putArray("shape");
      long count = 1;
      boolean first = true;
      for (JsonNode d : in.path("shape")) {
        long dim = d.asLong() < 0 ? (first ? rows : 1) : d.asLong();
        shape.add(dim);
        count *= dim;
        first = false;
      }
      ArrayNode data = t.putArray("data");
      for (long i = 0; i < count; i++) {
        switch (datatype) {
          case "BOOL" -> data.add(i % 2 == 0);
          case "FP16", "FP32", "FP64" -> data.add(((i * 37) % 100) / 100.0);
          default -> data.add(i % rows);
        }
      }
    }
    return req;
  }

  /** {@code POST /v2/models/{model}/infer}. */
  public JsonNode infer(String model, JsonNode request) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve("/v2/models/" + model + "/infer"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
  }

  private JsonNode send(HttpRequest.Builder builder) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            builder.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException(
          r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
    }
    return mapper.readTree(r.body());
  }
}
