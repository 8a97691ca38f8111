package dev.pulse.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server on a loopback port that is not Pulse: it answers every request with an HTML
 * page and the status its path starts with ({@code /404/...}), as a wrong address or a proxy's error
 * page would.
 */
final class NotPulse implements AutoCloseable {

  private final HttpServer server;

  private NotPulse(HttpServer server) {
    this.server = server;
  }

  static NotPulse start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      int status = Integer.parseInt(exchange.getRequestURI().getPath().split("/")[1]);
      byte[] page = ("<!DOCTYPE html><html><body><h1>" + status + "</h1></body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      exchange.sendResponseHeaders(status, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    return new NotPulse(server);
  }

  /** A base URL under which every request is answered {@code status}. */
  String url(int status) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
