package io.modelops.runtime.bench;

import java.io.IOException;

/** Sends one pre-encoded inference request over a keep-alive connection per call. */
final class HttpInferCaller implements Caller {

  private final HttpConnection connection;
  private final byte[] request;
  private final int rows;

  HttpInferCaller(HttpConnection connection, byte[] request, int rows) {
    this.connection = connection;
    this.request = request;
    this.rows = rows;
  }

  @Override
  public int call() throws IOException {
    HttpConnection.Response response = connection.exchange(request);
    if (response.status() != 200) {
      throw new IOException(
          "status " + response.status() + ": " + CtrPayloads.abbreviate(response.bodyText()));
    }
    return rows;
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
