package dev.pulse.server.http;

import dev.pulse.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Raw HTTP/1.1 exchanges over a socket, for requests no client library would send. */
final class RawHttp {

  private RawHttp() {}

  /**
   * Sends {@code request} as bytes and reads the answer until the server closes the connection;
   * throws {@link java.net.SocketTimeoutException} when nothing comes for {@code within}.
   */
  static String exchange(TestServer server, String request, Duration within) throws IOException {
    URI base = server.uri("/");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) within.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The value of the first header {@code name} of an answer; "" when it has none. */
  static String header(String answer, String name) {
    for (String line : head(answer).split("\r\n")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return "";
  }

  /** The status line and headers of an answer. */
  static String head(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? answer : answer.substring(0, end);
  }

  /** The body of an answer read whole (not chunked). */
  static String body(String answer) {
    int end = answer.indexOf("\r\n\r\n");
    return end < 0 ? "" : answer.substring(end + 4);
  }
}
