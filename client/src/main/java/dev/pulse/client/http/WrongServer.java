package dev.pulse.client.http;

import dev.pulse.client.text.OneLine;

/**
 * What to say of an address where no Pulse server answers as one (another protocol, a connection closed
 * without an answer, plain HTTP to https://, a path or method it does not serve), for every command
 * that sends to a server: the SDK's {@code api-address}, and {@code pulse}'s {@code --server} and
 * {@code send-test}'s {@code api-address} alike, so that both say the same of the same address.
 */
public final class WrongServer {

  /** The most characters quoted of what came instead of HTTP: its first line, as the SDK quotes it. */
  public static final int MAX_SENT_SHOWN = 60;

  private WrongServer() {}

  /**
   * Something that is not HTTP came back, {@code sent} its first line (null when not known), from
   * {@code server} at the address {@code option} gave.
   */
  public static String notHttp(String server, String option, String sent) {
    return "the server at " + server + " answered something that is not HTTP"
        + (sent == null ? "" : " (it sent \"" + OneLine.quoted(sent, MAX_SENT_SHOWN) + "\")") + ": is " + option
        + " the address of a Pulse server?";
  }

  /** {@code http://} given for a server that answers with TLS (an alert or a handshake record). */
  public static String speaksTls(String server, String option) {
    return "the server at " + server + " speaks TLS: give " + option + " with https://";
  }

  /** The connection to {@code server} closed (an EOF, a reset) before any answer came. */
  public static String closed(String server, String option) {
    return "the connection to " + server + " closed before an answer came: is " + option + " the address of a"
        + " Pulse server, and is it well (its log)?";
  }

  /** {@code https://} given for a server that answers plain HTTP. */
  public static String noTls(String server, String option) {
    return "the server at " + server + " does not speak TLS: give " + option + " with http://";
  }

  /**
   * Whether an HTTP status says that nothing at that address takes the request (404, 405, 501): an
   * address that is not a Pulse server's base URL.
   */
  public static boolean notServedThere(int status) {
    return status == 404 || status == 405 || status == 501;
  }

  /** The question that goes with {@link #notServedThere(int)}. */
  public static String notItsBaseUrl(String option) {
    return "is " + option + " the base URL of a Pulse server?";
  }
}
