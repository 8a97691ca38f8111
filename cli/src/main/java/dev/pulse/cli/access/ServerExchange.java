package dev.pulse.cli.access;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.cli.settings.Settings;
import dev.pulse.client.http.ProxyChoice;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One authenticated request to {@code --server} ({@link Target#exchange}) and its answer: the URL and
 * the token checked first, sent through the proxy the environment names, its waits bounded; a server
 * that cannot be reached, speaks no HTTP, insists on HTTPS or refuses the token is told in our words
 * ({@link ConnectFailures}, {@link ServerAnswer}).
 */
final class ServerExchange {

  private final CommandSpec command;
  private final String server;
  private final String token;
  private final Integer timeoutSeconds;

  /** The request of {@code command}, to {@code server} with {@code token}; {@code timeoutSeconds} null unless given. */
  ServerExchange(CommandSpec command, String server, String token, Integer timeoutSeconds) {
    this.command = command;
    this.server = server;
    this.token = token;
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Sends the request and returns the answer, whatever its status: a server that sends no answer
   * within {@code answerWithin} seconds (or --timeout), or then nothing of its body for --timeout
   * (default {@value Target#DEFAULT_WAIT_SECONDS}), is a {@link CliFailure#FAILURE}, not a wait forever.
   */
  HttpResponse<InputStream> exchange(String method, String path, HttpRequest.BodyPublisher body,
      Map<String, String> headers, int answerWithin) throws IOException, InterruptedException {
    URI base = serverUri();
    if (timeoutSeconds != null && timeoutSeconds < 1) {
      throw CliFailure.usage("--timeout must be at least 1 second, got " + timeoutSeconds);
    }
    Duration wait = Duration.ofSeconds(timeoutSeconds != null ? timeoutSeconds : answerWithin);
    Duration silence = Duration.ofSeconds(timeoutSeconds != null ? timeoutSeconds : Target.DEFAULT_WAIT_SECONDS);
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
        .timeout(wait)
        .method(method, body);
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if ("http".equals(base.getScheme())) {
        answer = refuseIfHttpsOnly(answer, base);
      }
      HttpResponse<InputStream> quiet = QuietBody.withBody(answer, QuietBody.of(answer.body(), silence));
      if (quiet.statusCode() == 401) {
        throw ServerAnswer.tokenRefused(quiet, tokenSource());
      }
      return quiet;
    } catch (HttpTimeoutException e) {
      if (!(e instanceof HttpConnectTimeoutException)) {
        throw CliFailure.failure(base + " did not answer within " + wait.toSeconds() + " s; is the server overloaded"
            + " or stuck? Check it (its log, /metrics), or give --timeout more seconds", e);
      }
      throw ConnectFailures.unreachable(base, uri, proxy, e);
    } catch (ConnectException e) {
      throw ConnectFailures.unreachable(base, uri, proxy, e);
    } catch (SSLException e) {
      throw ConnectFailures.tls(base, e);
    } catch (IOException e) { // "Invalid status line: ...", "header parser received no bytes", an EOF, a reset
      throw ConnectFailures.notAnswered(base, e);
    }
  }

  /**
   * {@code answer}, unless it says the server takes HTTPS only: a Pulse server with its own TLS redirects
   * a page read (308 to {@code https://}) and refuses the rest (400 {@code HTTPS_REQUIRED}). Its body is
   * given back whole when it says neither.
   */
  private static HttpResponse<InputStream> refuseIfHttpsOnly(HttpResponse<InputStream> answer, URI base)
      throws IOException {
    String redirect = answer.headers().firstValue("Location").orElse("");
    boolean httpsOnly = answer.statusCode() / 100 == 3 && redirect.startsWith("https://");
    if (answer.statusCode() == 400) {
      byte[] head = answer.body().readNBytes(4096); // an error body is a few hundred bytes
      httpsOnly = "HTTPS_REQUIRED".equals(ServerAnswer.errorCode(head));
      answer = QuietBody.withBody(answer, new SequenceInputStream(new ByteArrayInputStream(head), answer.body()));
    }
    if (httpsOnly) {
      answer.body().close();
      throw CliFailure.usage("the server at " + base + " takes HTTPS only: give --server with https://");
    }
    return answer;
  }

  /**
   * Where the token came from, as a message names it: "given with --token", or "of PULSE_ADMIN_TOKEN" (the
   * read token's variable, or a key of the config file, when that gave it).
   */
  private String tokenSource() {
    if (command.commandLine().getParseResult().hasMatchedOption("--token")) {
      return "given with --token";
    }
    Settings settings = Settings.of(command);
    String admin = settings.get("admin-token");
    String source = settings.sourceOf(admin != null && !admin.isBlank() ? "admin-token" : "read-token");
    return source == null ? "given" : "of " + source;
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
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw CliFailure.usage("--server: the port " + uri.getPort() + " of " + server.strip() + " is not between 1 and"
          + " 65535; give the port the server listens on, such as http://localhost:8080");
    }
    return uri;
  }
}
