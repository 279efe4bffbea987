package io.modelops.runtime.bench;

/** How requests reach the model. */
enum Protocol {
  /** ONNX Runtime Java in the benchmark's own process. */
  IN_PROCESS("in-process ORT"),
  /** V2 REST, JSON tensors. */
  JSON("server, JSON"),
  /** V2 REST, binary tensor extension both ways. */
  BINARY("server, binary");

  final String label;

  Protocol(String label) {
    this.label = label;
  }

  /** The inference path and request bytes for {@code payload} to a server at {@code hostPort}. */
  byte[] request(String hostPort, String model, CtrPayloads payload) {
    String path = "/v2/models/" + model + "/infer";
    return switch (this) {
      case JSON ->
          HttpConnection.request(
              "POST", hostPort, path, CtrPayloads.jsonHeaders(), payload.jsonBody());
      case BINARY ->
          HttpConnection.request(
              "POST", hostPort, path, payload.binaryHeaders(), payload.binaryBody());
      case IN_PROCESS -> throw new IllegalStateException("no request for in-process ORT");
    };
  }
}
