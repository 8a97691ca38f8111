package dev.pulse.client.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Reads the JDK HTTP client's failures that mean something other than an HTTP server answered: what came
 * instead of a status line (an SSH banner, a TLS alert to plain HTTP), or plain text where TLS was asked.
 * The SDK's send failures and {@code pulse}'s {@code --server} commands word these alike.
 */
public final class NotHttpAnswers {

  /** The JDK's words for an answer whose first line is not an HTTP status line, quoting that line. */
  private static final Pattern STATUS_LINE = Pattern.compile("Invalid status line: \"(.*)\"$", Pattern.DOTALL);
  /**
   * The JDK's words for an answer that ended within its first line, quoting what came: "parsing HTTP/1.1
   * status line, receiving [...], parser state [STATUS_LINE]".
   */
  private static final Pattern CUT_STATUS_LINE =
      Pattern.compile("status line, receiving \\[(.*)\\], parser state \\[STATUS_LINE\\]", Pattern.DOTALL);

  private NotHttpAnswers() {}

  /** What the server sent instead of an HTTP status line, as {@code failure} quotes it; null if not that. */
  public static String sentInstead(IOException failure) {
    String message = String.valueOf(failure.getMessage());
    Matcher statusLine = STATUS_LINE.matcher(message);
    if (failure instanceof ProtocolException && statusLine.lookingAt()) {
      return statusLine.group(1);
    }
    Matcher cut = CUT_STATUS_LINE.matcher(message);
    return cut.find() && !cut.group(1).isEmpty() ? cut.group(1) : null;
  }

  /**
   * Whether an answer starts as a TLS record does (an alert or a handshake, in TLS 1.0 to 1.3): a TLS
   * server's answer to plain HTTP.
   */
  public static boolean isTlsRecord(String sent) {
    return sent.length() >= 2 && (sent.charAt(0) == 0x15 || sent.charAt(0) == 0x16) && sent.charAt(1) == 0x03;
  }

  /**
   * Whether TLS met an answer in plain text: the JDK's SSLException says so, itself or as the cause of
   * the HTTP exchange's failure (which, as the two race, may read as "received no bytes").
   */
  public static boolean plainAnswerToTls(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof SSLException
          && (message.contains("Unrecognized SSL message") || message.contains("plaintext connection"))) {
        return true;
      }
    }
    return false;
  }
}
