package dev.pulse.cli;

import dev.pulse.server.privacy.ContextKeyFile;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where an admin command acts: a running server ({@code --server} and its token), or the store
 * directly ({@code --data-dir}, {@code --store}; for the embedded store no server may be running on
 * that data dir, since DuckDB allows one process at a time).
 */
final class Target {

  @Option(
      names = "--server",
      description = "A running server's base URL, e.g. http://localhost:8080. Without it, the store is opened directly.")
  URI server;

  @Option(
      names = "--token",
      defaultValue = "${env:PULSE_ADMIN_TOKEN}",
      description = "The admin token for --server (env PULSE_ADMIN_TOKEN).")
  String token;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:PULSE_DATA_DIR:-pulse-data}",
      description = "The data dir (env PULSE_DATA_DIR; default ./${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--store",
      defaultValue = "${env:PULSE_STORE}",
      description = "Store URL, e.g. postgresql://host/db?user=.. (env PULSE_STORE); default: the embedded store in the data dir.")
  String store;

  boolean isRemote() {
    return server != null;
  }

  EventStore openStore() {
    return Stores.open(store, dataDir);
  }

  /** The keyer of the data dir (or {@code PULSE_CONTEXT_KEY}), as the server re-keys with. */
  ContextKeyer keyer() {
    try {
      return ContextKeyFile.load(System.getenv("PULSE_CONTEXT_KEY"), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the context key in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Sends an authenticated request to {@code --server}; a non-2xx answer becomes an error naming it. */
  HttpResponse<InputStream> send(String method, String path) throws IOException, InterruptedException {
    return requireSuccess(exchange(method, path));
  }

  /** The answer if it is a 2xx; otherwise an error naming the status and the start of the body. */
  static HttpResponse<InputStream> requireSuccess(HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() / 100 != 2) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
      }
      throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + body);
    }
    return response;
  }

  /** Sends an authenticated request to {@code --server} and returns the answer, whatever its status. */
  HttpResponse<InputStream> exchange(String method, String path) throws IOException, InterruptedException {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("--server needs the admin token: --token or PULSE_ADMIN_TOKEN");
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = URI.create(server.toString().replaceAll("/+$", "") + path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }
}
