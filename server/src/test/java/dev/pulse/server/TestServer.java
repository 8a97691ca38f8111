package dev.pulse.server;

import dev.pulse.server.auth.AuthThrottle;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A real server on a random loopback port over a temporary data dir, with a small HTTP client. */
public final class TestServer implements AutoCloseable {

  public static final String CONTEXT_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

  private final PulseServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  private TestServer(PulseServer server) {
    this.server = server;
  }

  public static TestServer start(Path dataDir) {
    return start(dataDir, builder -> builder);
  }

  public static TestServer start(Path dataDir, UnaryOperator<ServerConfigBuilder> customize) {
    return start(dataDir, customize, AuthThrottle.create());
  }

  /** A server whose wrong admin tokens {@code throttle} counts (one on a clock the test moves). */
  public static TestServer start(
      Path dataDir, UnaryOperator<ServerConfigBuilder> customize, AuthThrottle throttle) {
    ServerConfigBuilder builder =
        ServerConfig.builder()
            .host("127.0.0.1")
            .port(0)
            .dataDir(dataDir)
            .contextKey(CONTEXT_KEY)
            .adminToken(ADMIN_TOKEN)
            .drainTimeout(Duration.ofSeconds(5));
    return new TestServer(PulseServer.start(customize.apply(builder).build(), throttle));
  }

  public PulseServer server() {
    return server;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** The keyer the server re-keys contextIds with. */
  public ContextKeyer keyer() {
    try {
      return ContextKeyFile.load(CONTEXT_KEY, server.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POSTs a JSON body to the telemetry endpoint. */
  public HttpResponse<String> postTelemetry(String json) {
    return postTelemetry(json.getBytes(StandardCharsets.UTF_8), null);
  }

  public HttpResponse<String> postTelemetry(byte[] body, String contentEncoding) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri("/telemetry/query"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentEncoding != null) {
      request.header("Content-Encoding", contentEncoding);
    }
    return send(request.build());
  }

  public HttpResponse<String> get(String path, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    return send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Sends a request with the body handled by {@code body} (a file, a stream). */
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public List<StoredEvent> events() {
    List<StoredEvent> events = new ArrayList<>();
    server.store().forEachEvent(events::add);
    return events;
  }

  public List<StoredCliCommand> cliCommands() {
    List<StoredCliCommand> commands = new ArrayList<>();
    server.store().forEachCliCommand(commands::add);
    return commands;
  }

  public List<StoredError> errors() {
    List<StoredError> errors = new ArrayList<>();
    server.store().forEachError(errors::add);
    return errors;
  }

  /** Records stored, all kinds together. */
  public int storedCount() {
    return events().size() + cliCommands().size() + errors().size();
  }

  /** A test resource as text. */
  public static String resource(String name) {
    try (InputStream in = TestServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
