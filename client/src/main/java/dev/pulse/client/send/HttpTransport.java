package dev.pulse.client.send;

import dev.pulse.client.text.OneLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import dev.pulse.client.http.OwnedHttpClient;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.json.JsonParser;
import dev.pulse.schema.ComponentType;

/**
 * POSTs one gzip-compressed GraphQL body and classifies the answer: 2xx is delivered unless the body
 * is a GraphQL error response (rejected: not retried); 408, 429, 5xx, timeouts and connection errors
 * are retried; other statuses fail. A {@code Retry-After} is read on 429 and 503 only. Of a body, at
 * most {@link BoundedBody#MAX_BYTES} of a 2xx or 4xx answer is read, and nothing of others; the connection is
 * closed on the rest. The JDK client is created on first use, on the worker thread, and its threads end
 * at {@link #close}.
 */
final class HttpTransport {

  private final URI endpoint;
  private final Duration timeout;
  private final String userAgent;
  private final ProxyChoice proxy;
  private OwnedHttpClient client;
  private boolean closed;

  HttpTransport(URI endpoint, Duration timeout, String userAgent, ProxyChoice proxy) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.proxy = proxy;
  }

  /**
   * The User-Agent header, {@code pulse-client/<type>/<version>}: every character of the version outside
   * printable ASCII (which a header may not carry: "1.0-β", a line break) as {@code ?}, so that no
   * version stops sending; the body carries the version as it is.
   */
  static String userAgent(ComponentType type, String version) {
    StringBuilder agent = new StringBuilder("pulse-client/").append(type).append('/');
    String cut = ServerLimits.cut(version, ServerLimits.MAX_IDENTIFIER_LENGTH);
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      agent.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return agent.toString();
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * One attempt, bounded by the client timeout or {@code limit}, whichever is shorter: the whole
   * exchange, from connecting to the last byte of the answer read.
   */
  Attempt post(String body, Duration limit) throws InterruptedException {
    Duration bound = limit.compareTo(timeout) < 0 ? limit : timeout;
    if (bound.isNegative() || bound.isZero()) {
      return new Attempt(Attempt.Outcome.RETRY, 0, null, "no time was left before the close deadline");
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint)
          .timeout(bound)
          .header("Content-Type", "application/json")
          .header("Content-Encoding", "gzip")
          .header("User-Agent", userAgent)
          .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)))
          .build();
      HttpClient http = client(bound);
      if (http == null) {
        return new Attempt(Attempt.Outcome.FAIL, 0, null, "the SDK is closed");
      }
      return exchange(http, request, bound);
    } catch (IOException e) {
      return SendFailures.of(e, endpoint, proxy);
    } catch (IllegalArgumentException | SecurityException e) {
      return new Attempt(Attempt.Outcome.FAIL, 0, null,
          "the request could not be made: " + OneLine.quoted(e.getMessage()));
    }
  }

  /**
   * The whole exchange, body included, within {@code bound}: the request's own timeout ends when the
   * headers arrive, so a body trickled a byte at a time would otherwise hold sending for as long as
   * the server likes. Past the bound the exchange is cancelled and the connection closed.
   */
  private Attempt exchange(HttpClient http, HttpRequest request, Duration bound)
      throws IOException, InterruptedException {
    BoundedBody body = new BoundedBody();
    CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, body);
    try {
      return classify(answer.get(bound.toNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      body.abort();
      answer.cancel(true);
      throw new HttpTimeoutException("the answer did not end within " + bound.toMillis() + " ms");
    } catch (InterruptedException e) {
      body.abort();
      answer.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof IllegalArgumentException || cause instanceof SecurityException) {
        throw (RuntimeException) cause;
      }
      throw new IOException(String.valueOf(cause.getMessage()), cause);
    }
  }

  private synchronized HttpClient client(Duration connectTimeout) {
    if (closed) {
      return null;
    }
    if (client == null) {
      // HTTP/1.1, as the server speaks: the JDK's default (HTTP/2) asks a cleartext server to
      // upgrade to h2c on every new connection, which proxies in between may not pass through.
      HttpClient.Builder builder = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(connectTimeout)
          .followRedirects(HttpClient.Redirect.NEVER)
          .proxy(proxy);
      proxy.authenticator().ifPresent(builder::authenticator);
      client = OwnedHttpClient.build(builder);
    }
    return client.client();
  }

  /**
   * Stops the HTTP client's threads (aborting a request in flight) and waits up to {@code wait} for
   * them to end; later attempts fail at once. Called by the closing thread.
   *
   * @return true when no thread of the client is left
   */
  boolean close(Duration wait) {
    OwnedHttpClient owned;
    synchronized (this) {
      closed = true;
      owned = client;
      client = null;
    }
    return owned == null || owned.close(wait);
  }

  private Attempt classify(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return answerOf(response.body())
          .map(m -> new Attempt(Attempt.Outcome.FAIL, status, null, m))
          .orElse(new Attempt(Attempt.Outcome.DELIVERED, status, null, "HTTP " + status));
    }
    Duration retryAfter = status == 429 || status == 503
        ? retryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null;
    if (status == 408 || status == 429 || status >= 500) {
      return new Attempt(Attempt.Outcome.RETRY, status, retryAfter, "the server answered HTTP " + status);
    }
    return new Attempt(Attempt.Outcome.FAIL, status, null,
        SendFailures.ofStatus(status, endpoint, firstError(parsed(response.body()))));
  }

  private static Object parsed(String body) {
    try {
      return JsonParser.parse(body);
    } catch (IllegalArgumentException notJson) {
      return null;
    }
  }

  /**
   * The first GraphQL error's message in {@code answer}, on one line and bounded (it goes into the
   * host's log); else null.
   */
  private static String firstError(Object answer) {
    if (answer instanceof Map<?, ?> response && response.get("errors") instanceof java.util.List<?> list
        && !list.isEmpty()) {
      return OneLine.quoted(list.get(0) instanceof Map<?, ?> m ? String.valueOf(m.get("message")) : "error");
    }
    return null;
  }

  /**
   * Why a 2xx answer does not mean a Pulse server took the batch: the first GraphQL error of an error
   * response, or a body that is no GraphQL response at all (a web server or proxy at that address
   * answering 200 to any POST); empty for a GraphQL answer with data.
   */
  private Optional<String> answerOf(String body) {
    Object answer = parsed(body);
    if (!(answer instanceof Map<?, ?> response) || !(response.containsKey("data") || response.containsKey("errors"))) {
      return Optional.of("the server answered with something other than a GraphQL response: is api-address the"
          + " base URL of a Pulse server? (sent to " + endpoint + ")");
    }
    String error = firstError(answer);
    return error == null ? Optional.empty() : Optional.of("the server rejected the batch: " + error);
  }

  /** Seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }

  static byte[] gzip(String body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, body.length() / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
