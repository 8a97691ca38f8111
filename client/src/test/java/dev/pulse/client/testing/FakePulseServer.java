package dev.pulse.client.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import dev.pulse.client.json.JsonParser;

/**
 * A Pulse-like endpoint on a loopback port: decompresses gzip, parses the GraphQL body and records
 * every request; answers with whatever the {@link Responder} says (default: 200 and data true).
 */
public final class FakePulseServer implements AutoCloseable {

  /** One received request. */
  public record Received(String path, String contentType, String contentEncoding, String upgrade, String body,
      Map<String, Object> json, String userAgent) {

    public String operationName() {
      return (String) json.get("operationName");
    }

    public String query() {
      return (String) json.get("query");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> variables() {
      return (Map<String, Object>) json.get("variables");
    }
  }

  /** What to answer to the n-th request (0-based). */
  @FunctionalInterface
  public interface Responder {
    Reply reply(int index, Received request) throws Exception;
  }

  /** An answer: status, headers, body; {@code hang} never answers. */
  public record Reply(int status, Map<String, String> headers, String body, boolean hang) {
    public static Reply ok() {
      return new Reply(200, Map.of(), "{\"data\":{\"ok\":true}}", false);
    }

    public static Reply status(int status) {
      return new Reply(status, Map.of(), "{}", false);
    }

    public static Reply hangs() {
      return new Reply(0, Map.of(), "", true);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger attempts = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Responder responder = (i, r) -> Reply.ok();

  private FakePulseServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-pulse-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** Starts a server answering 200 to everything. */
  public static FakePulseServer start() throws IOException {
    return new FakePulseServer();
  }

  /** Changes how the server answers. */
  public FakePulseServer respond(Responder responder) {
    this.responder = responder;
    return this;
  }

  /** The loopback port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL to use as {@code api-address}. */
  public String apiAddress() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request received so far (including those answered with errors). */
  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** Requests with this operation name. */
  public List<Received> received(String operationName) {
    return received().stream().filter(r -> operationName.equals(r.operationName())).toList();
  }

  /** How many requests arrived. */
  public int attempts() {
    return attempts.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] raw = exchange.getRequestBody().readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      String body = "gzip".equals(encoding) ? gunzip(raw) : new String(raw, StandardCharsets.UTF_8);
      @SuppressWarnings("unchecked")
      Map<String, Object> json = (Map<String, Object>) JsonParser.parse(body);
      Received request = new Received(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"), encoding,
          exchange.getRequestHeaders().getFirst("Upgrade"), body, json,
          exchange.getRequestHeaders().getFirst("User-Agent"));
      received.add(request);
      int index = attempts.getAndIncrement();
      Reply reply = responder.reply(index, request);
      if (reply.hang()) {
        released.await();
        return;
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static String gunzip(byte[] raw) throws IOException {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
  }
}
