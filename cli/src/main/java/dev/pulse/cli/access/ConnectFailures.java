package dev.pulse.cli.access;

import dev.pulse.cli.failure.CliFailure;
import dev.pulse.client.http.NotHttpAnswers;
import dev.pulse.client.http.ProxyChoice;
import dev.pulse.client.http.WrongServer;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/** Why {@code --server} could not be reached or spoken to, in words rather than the JDK's. */
final class ConnectFailures {

  private ConnectFailures() {}

  /** A server that cannot be reached, in words: through a proxy, a name that does not resolve, or down. */
  static CliFailure unreachable(URI base, URI uri, ProxyChoice proxy, IOException e) {
    if (proxy.isProxied(uri)) {
      return CliFailure.failure("cannot reach " + base + " " + proxy.describe(uri)
          + ": is the proxy up, and does it reach the server?", e);
    }
    if (unresolved(e)) {
      return CliFailure.failure("cannot find the host " + base.getHost() + " of --server: is the name right?", e);
    }
    return CliFailure.failure("cannot reach a server at " + base + ": is it running, and is --server right?", e);
  }

  /** A TLS failure in words: the JDK's name the certificate path builder's classes. */
  static CliFailure tls(URI base, SSLException e) {
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("plaintext connection")) {
      return CliFailure.usage(WrongServer.noTls(base.toString(), "--server"), e);
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
   * A server that answered no HTTP: what it sent instead, quoted (TLS, to http://, said as such), or a
   * connection closed (an EOF, a reset) before any answer.
   */
  static CliFailure notAnswered(URI base, IOException e) {
    String sent = NotHttpAnswers.sentInstead(e);
    if (sent != null && NotHttpAnswers.isTlsRecord(sent)) {
      return CliFailure.usage(WrongServer.speaksTls(base.toString(), "--server"), e);
    }
    if (sent != null || e instanceof ProtocolException) {
      return CliFailure.usage(WrongServer.notHttp(base.toString(), "--server", sent), e);
    }
    return CliFailure.failure(WrongServer.closed(base.toString(), "--server"), e);
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
}
