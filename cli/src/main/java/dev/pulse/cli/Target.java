package dev.pulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Option;

/**
 * Where an admin command acts: a running server ({@code --server} and its token), or the store
 * directly ({@code --data-dir}, {@code --store}; for the embedded store no server may be running on
 * that data dir, since DuckDB allows one process at a time).
 */
final class Target {

  @Option(names = "--server", paramLabel = "URL",
      description = "A running server's base URL, e.g. http://localhost:8080. Without it, the store is opened directly.")
  String server;

  @Option(names = "--token",
      description = "The admin token for --server (PULSE_ADMIN_TOKEN), or the read token to read (PULSE_READ_TOKEN).")
  String token;

  @Option(names = "--data-dir", defaultValue = "pulse-data",
      description = "The data dir of the store (PULSE_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--store", paramLabel = "URL",
      description = "Store URL, e.g. postgresql://host/db?user=.. (PULSE_STORE); default: the embedded store in the data dir.")
  String store;

  boolean isRemote() {
    return server != null;
  }

  /** The store, which must exist: a command that reads or erases never creates one. */
  EventStore openStore() {
    return LocalStore.openExisting(store, dataDir);
  }

  /** As {@link #openStore()}, whole: for its backup. */
  Storage openStorage() {
    return LocalStore.openExistingStorage(store, dataDir);
  }

  /**
   * The keyer the server re-keys with: the {@code context-key} setting ({@code PULSE_CONTEXT_KEY} or
   * the config file's key), else the key file of the data dir. Never creates one: with neither, a
   * contextId could not be re-keyed as the server did, so the command stops and says what to set.
   */
  ContextKeyer keyer(String configured) {
    boolean set = configured != null && !configured.isBlank();
    Path file = dataDir.resolve(ContextKeyFile.FILE_NAME);
    if (!set && !Files.isRegularFile(file)) {
      throw CliFailure.usage("no context key: " + file + " does not exist and context-key is not set;"
          + " set PULSE_CONTEXT_KEY (or context-key in --config) to the key the servers use");
    }
    try {
      return ContextKeyFile.load(configured, dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the context key in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends an authenticated request to {@code --server}. An unreachable server or a refused token is a
   * {@link CliFailure#FAILURE}; a request the server calls wrong (4xx) is {@link CliFailure#USAGE}.
   */
  HttpResponse<InputStream> send(String method, String path) throws IOException, InterruptedException {
    return requireSuccess(exchange(method, path));
  }

  /**
   * Sends an authenticated request to {@code --server} and returns the answer, whatever its status; an
   * unreachable server is a {@link CliFailure#FAILURE}.
   */
  HttpResponse<InputStream> exchange(String method, String path) throws IOException, InterruptedException {
    return exchange(method, path, HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  /** As {@link #exchange(String, String)}, sending {@code body} with these {@code headers}. */
  HttpResponse<InputStream> exchange(String method, String path, HttpRequest.BodyPublisher body,
      Map<String, String> headers) throws IOException, InterruptedException {
    URI base = serverUri();
    if (token == null || token.isBlank()) {
      throw CliFailure.usage("--server needs a token: give --token, or set PULSE_ADMIN_TOKEN (PULSE_READ_TOKEN"
          + " to read)");
    }
    // Through the proxy the environment or the JVM names, as the SDK and curl choose it.
    ProxyChoice proxy = ProxyChoice.resolve(System.getProperties(), System.getenv());
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).proxy(proxy);
    proxy.authenticator().ifPresent(builder::authenticator);
    HttpClient client = builder.build();
    URI uri = URI.create(base.toString().replaceAll("/+$", "") + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + token)
        .method(method, body);
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      if (proxy.isProxied(uri)) {
        throw CliFailure.failure("cannot reach " + base + " " + proxy.describe(uri)
            + ": is the proxy up, and does it reach the server?", e);
      }
      if (unresolved(e)) {
        throw CliFailure.failure("cannot find the host " + base.getHost() + " of --server: is the name right?", e);
      }
      throw CliFailure.failure("cannot reach a server at " + base + ": is it running, and is --server right?", e);
    } catch (SSLException e) {
      throw tlsFailure(base, e);
    }
  }

  /** A TLS failure in words: the JDK's name the certificate path builder's classes. */
  private static CliFailure tlsFailure(URI base, SSLException e) {
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("plaintext connection")) {
      return CliFailure.usage("the server at " + base + " does not speak TLS: give --server with http://", e);
    }
    if (reason.contains("PKIX") || reason.contains("certification path")) {
      return CliFailure.failure("the server at " + base + " has a certificate Java does not trust: add it, or its"
          + " authority's, to a trust store (JAVA_TOOL_OPTIONS=-Djavax.net.ssl.trustStore=FILE)", e);
    }
    if (reason.contains("subject alternative") || reason.contains("No name matching")) {
      return CliFailure.failure("the certificate of the server at " + base + " is not for " + base.getHost()
          + ": give --server with the name the certificate holds", e);
    }
    return CliFailure.failure("the TLS connection to " + base + " failed; run again with --debug for the details", e);
  }

  /**
   * The answer if it is a 2xx; otherwise throws {@link #failureOf} its status and body.
   */
  static HttpResponse<InputStream> requireSuccess(HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() / 100 == 2) {
      return response;
    }
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(4096);
    }
    throw failureOf(response.statusCode(), response.uri(), body);
  }

  /**
   * The failure an error answer means. A refused token is a {@link CliFailure#FAILURE}; a request the
   * server calls wrong (4xx) is {@link CliFailure#USAGE}; a server failure (5xx) is a FAILURE; an
   * answer that is not Pulse's JSON says so (a wrong {@code --server}, or a proxy's page).
   */
  static CliFailure failureOf(int status, URI uri, byte[] body) {
    String server = uri.getScheme() + "://" + uri.getAuthority();
    String reason = reason(body);
    if (reason == null) {
      return notPulse(server, status);
    }
    if (status == 403 && "READ_ONLY_TOKEN".equals(errorCode(body))) {
      return CliFailure.failure("the server at " + server + " takes this token for reads only: give the admin"
          + " token with --token or PULSE_ADMIN_TOKEN to change data");
    }
    if (status == 401 || status == 403) {
      return CliFailure.failure("the server at " + server + " refused the token (" + status + "): give its"
          + " admin token, or its read token to read, with --token (or PULSE_ADMIN_TOKEN, PULSE_READ_TOKEN)");
    }
    if (status == 404 && "NOT_FOUND".equals(errorCode(body))) {
      // Every route the CLI asks for exists: the path of --server is what is wrong.
      return CliFailure.usage("the server refused the request (404): " + reason + "; give --server as the"
          + " server's base URL, such as http://host:8080 (with a path only where a proxy serves Pulse under one)");
    }
    if (status / 100 == 4) {
      return CliFailure.usage("the server refused the request (" + status + "): " + reason);
    }
    return CliFailure.failure("the server at " + server + " failed (" + status + "): " + reason);
  }

  /** Whether the host was not found: the JDK client wraps that in one or two ConnectExceptions. */
  private static boolean unresolved(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /** Pulse answers every error in JSON; another answer comes from something else at that address. */
  private static CliFailure notPulse(String server, int status) {
    if (status / 100 == 5) {
      return CliFailure.failure("the server at " + server + " failed (" + status + ") with an answer that is not"
          + " Pulse's: a proxy in front of it may have answered; is Pulse running behind it?");
    }
    return CliFailure.usage("the server at " + server + " answered " + status + " with a page that is not"
        + " Pulse's: is --server the address of a Pulse server?");
  }

  /** The error code of a Pulse error answer ({@code extensions.code}), or null. */
  static String errorCode(byte[] body) {
    JsonNode json = json(body);
    JsonNode code = json == null ? null : json.path("errors").path(0).path("extensions").path("code");
    return code != null && code.isTextual() ? code.asText() : null;
  }

  private URI serverUri() {
    URI uri;
    try {
      uri = URI.create(server.strip());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw CliFailure.usage("--server must be a URL such as http://localhost:8080, not '" + server + "'");
    }
    return uri;
  }

  /**
   * The server's error message, one line: Pulse's GraphQL-shaped {@code {"errors":[{"message":..}]}}
   * or its {@code {"error":..}} of a bad parameter; null when the answer is not JSON (not Pulse's).
   */
  static String reason(byte[] body) {
    JsonNode json = json(body);
    if (json == null || !json.isObject()) {
      return null;
    }
    for (JsonNode node : new JsonNode[] {json.path("errors").path(0).path("message"), json.path("error")}) {
      if (node.isTextual()) {
        String line = node.asText().lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
      }
    }
    return "(no message)";
  }

  /** A body as JSON; null when it is not JSON. */
  static JsonNode json(byte[] body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }
}
