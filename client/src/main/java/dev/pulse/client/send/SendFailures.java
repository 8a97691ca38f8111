package dev.pulse.client.send;

import dev.pulse.client.text.OneLine;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import dev.pulse.client.http.NotHttpAnswers;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.http.WrongServer;

/**
 * What a failed send tells the host's operator: what happened and, where it is theirs to fix, what
 * to do, in words rather than exception class names. An untrusted certificate, an answer that is not
 * HTTP and https:// to a server without TLS are not retried: the next attempt would meet the same.
 */
final class SendFailures {

  private static final Pattern CLASS_NAME = Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?::|$)");
  /** What the SDK's messages call the address they are about. */
  private static final String OPTION = "api-address";

  /** The JDK's words for an answer's body that ended before its Content-Length. */
  private static final Pattern SHORT_BODY = Pattern.compile("fixed content-length: (\\d+), bytes received: (\\d+)");

  private SendFailures() {}

  /** The attempt that {@code failure}, met sending to {@code endpoint} as {@code proxy} routes it, makes. */
  static Attempt of(IOException failure, URI endpoint, ProxyChoice proxy) {
    Attempt attempt = of(failure, endpoint);
    if (!proxy.isProxied(endpoint)) {
      return attempt;
    }
    String via = proxy.describe(endpoint);
    String detail = failure instanceof ConnectException
        ? "could not connect " + via + ": is the proxy up, and is its setting right?"
        : attempt.detail() + " (sent " + via + ")";
    return new Attempt(attempt.outcome(), 0, null, detail);
  }

  private static Attempt of(IOException failure, URI endpoint) {
    String where = endpoint.getHost() + ":" + port(endpoint);
    if (failure instanceof HttpConnectTimeoutException) {
      return retry("could not connect to " + where + " in time");
    }
    if (failure instanceof HttpTimeoutException) {
      return retry("no answer from " + where + " in time");
    }
    if (failure instanceof ConnectException && causedBy(failure, UnresolvedAddressException.class)) {
      return retry(endpoint.getHost() + " does not resolve: check api-address");
    }
    if (failure instanceof ConnectException) {
      return retry("could not connect to " + where + ": is the Pulse server up, and is api-address right?");
    }
    if (failure instanceof SSLHandshakeException && causedBy(failure, CertificateException.class)) {
      return new Attempt(Attempt.Outcome.FAIL, 0, null, "the TLS certificate of " + where + " is not trusted ("
          + rootMessage(failure) + "): add its CA to the JVM's trust store, or fix api-address");
    }
    Attempt wrongServer = wrongServer(failure, where);
    if (wrongServer != null) {
      return wrongServer;
    }
    String message = OneLine.quoted(withoutClassName(failure.getMessage()));
    return retry("the connection to " + where + " failed" + (message.isEmpty() ? "" : ": " + message));
  }

  /**
   * The JDK's failures that say no Pulse server answers at the address, in the words {@code pulse
   * send-test} uses: an answer that is not HTTP ({@code Invalid status line: "SSH-2.0-OpenSSH_9.2"})
   * and TLS asked of a server without it are not retried (the next attempt would meet the same server);
   * a connection closed before any answer is, as a server restarting may do that. Null for any other.
   */
  private static Attempt wrongServer(IOException failure, String where) {
    String message = String.valueOf(failure.getMessage());
    String sent = NotHttpAnswers.sentInstead(failure);
    if (sent != null && NotHttpAnswers.isTlsRecord(sent)) {
      return new Attempt(Attempt.Outcome.FAIL, 0, null, WrongServer.speaksTls(where, OPTION));
    }
    if (sent != null) {
      return new Attempt(Attempt.Outcome.FAIL, 0, null, WrongServer.notHttp(where, OPTION, sent));
    }
    if (NotHttpAnswers.plainAnswerToTls(failure)) {
      return new Attempt(Attempt.Outcome.FAIL, 0, null, WrongServer.noTls(where, OPTION));
    }
    Matcher shortBody = SHORT_BODY.matcher(message);
    if (shortBody.find()) {
      return retry("the connection to " + where + " closed before the whole answer came (" + shortBody.group(2)
          + " of its " + shortBody.group(1) + " bytes): is the Pulse server well (its log)?");
    }
    if (message.contains("header parser received no bytes")) {
      return retry(WrongServer.closed(where, OPTION));
    }
    return null;
  }

  /** The words for a request still unanswered when {@code close()} ran out of time. */
  static String cutShort(URI endpoint) {
    return "no answer from " + endpoint.getHost() + ":" + port(endpoint) + " before the close deadline";
  }

  /**
   * The words for an HTTP status the SDK does not retry; {@code serverSaid}, the answer's GraphQL error
   * (quoted), or null, is given where the SDK has no words of its own for the status.
   */
  /**
   * Whether HTTP {@code status} refuses every request to the address alike (no Pulse server there, a
   * redirect, a gate asking credentials), not this request's content: sending again soon is no use.
   */
  static boolean refusesEveryRequest(int status) {
    return status == 401 || status == 403 || status == 404 || status == 405 || status == 501
        || status >= 300 && status < 400;
  }

  static String ofStatus(int status, URI endpoint, String serverSaid) {
    String hint = switch (status) {
      case 404, 405 -> ": " + WrongServer.notItsBaseUrl(OPTION) + " (sent to " + endpoint + ")";
      case 401, 403 -> ": the server or a proxy in between refused it";
      case 413 -> ": the batch is larger than the server takes; lower telemetry-max-batch-size";
      case 301, 302, 303, 307, 308 -> ": a redirect, which the SDK does not follow; give api-address the address it"
          + " redirects to";
      default -> serverSaid == null ? "" : ": " + serverSaid;
    };
    return "the server answered HTTP " + status + hint;
  }

  private static Attempt retry(String detail) {
    return new Attempt(Attempt.Outcome.RETRY, 0, null, detail);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (kind.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = OneLine.quoted(withoutClassName(root.getMessage()));
    return message.isEmpty() ? "no reason given" : message;
  }

  /**
   * A JDK message without the exception class name some of them start with ("java.net.SocketException:
   * Connection reset" when one exception wraps another); "" for none.
   */
  static String withoutClassName(String message) {
    return message == null ? "" : CLASS_NAME.matcher(message).replaceFirst("").strip();
  }

  private static int port(URI endpoint) {
    return endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
  }
}
