package io.modelops.runtime.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A deliberately low-level HTTP/1.1 client: one request per socket, exact bytes on the wire. */
final class RawHttp {
  private RawHttp() {}

  /** Status code and body of one exchange; status -1 when the server closed without answering. */
  record Answer(int status, String body) {}

  static Socket connect(int port, int readTimeoutMs) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    s.setSoTimeout(readTimeoutMs);
    return s;
  }

  /** POSTs {@code body} to {@code path} and reads the answer. */
  static Answer post(int port, String path, byte[] body, int readTimeoutMs) throws IOException {
    try (Socket s = connect(port, readTimeoutMs)) {
      OutputStream out = s.getOutputStream();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return read(s.getInputStream());
    }
  }

  /** GETs {@code path} on a new connection. */
  static Answer get(int port, String path, int readTimeoutMs) throws IOException {
    try (Socket s = connect(port, readTimeoutMs)) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return read(s.getInputStream());
    }
  }

  /** Reads a response with a Content-Length body (what the runtime always sends). */
  static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return new Answer(-1, "");
      }
      head.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    int length = 0;
    for (String l : lines) {
      if (l.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(l.substring(15).trim());
      }
    }
    return new Answer(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
  }
}
