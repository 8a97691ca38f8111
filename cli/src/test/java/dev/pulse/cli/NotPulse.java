package dev.pulse.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port that is not Pulse: it answers every request with an HTML
 * page and the status its path starts with ({@code /404/...}), as a wrong address or a proxy's error
 * page would; under {@code /json200/...}, 200 with JSON that is not Pulse's ({@code {"foo":1}}).
 */
final class NotPulse implements AutoCloseable {

  private static final String JSON = "json";

  private final HttpServer server;
  private final AtomicInteger requests;

  private NotPulse(HttpServer server, AtomicInteger requests) {
    this.server = server;
    this.requests = requests;
  }

  static NotPulse start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      String first = exchange.getRequestURI().getPath().split("/")[1];
      boolean json = first.startsWith(JSON);
      int status = Integer.parseInt(json ? first.substring(JSON.length()) : first);
      byte[] page = (json ? "{\"foo\":1}" : "<!DOCTYPE html><html><body><h1>" + status + "</h1></body></html>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "text/html");
      exchange.sendResponseHeaders(status, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    return new NotPulse(server, requests);
  }

  /** A base URL under which every request is answered {@code status} with an HTML page. */
  String url(int status) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + status;
  }

  /** A base URL under which every request is answered {@code status} with JSON that is not Pulse's. */
  String jsonUrl(int status) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + JSON + status;
  }

  /** How many requests it was sent. */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
