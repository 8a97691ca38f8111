package dev.pulse.cli.status;

import dev.pulse.client.http.WrongServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDK's reason for a send that failed, as {@code send-test} tells it: where the SDK quotes Java's
 * network error (a connection reset before an answer) or gives a status without advice, the words
 * {@code --server} uses for the same thing ({@link WrongServer}).
 */
final class SendFailureWords {

  private static final String OPTION = "api-address";
  private static final Pattern CONNECTION = Pattern.compile("^the connection to (\\S+) failed: (.*)$");
  private static final Pattern STATUS = Pattern.compile("^the server answered HTTP (\\d{3})$");

  private SendFailureWords() {}

  /** {@code failure} (the SDK's {@code lastFailure}) in words, for an event sent to {@code endpoint}. */
  static String of(String failure, String endpoint) {
    Matcher status = STATUS.matcher(failure);
    if (status.matches() && WrongServer.notServedThere(Integer.parseInt(status.group(1)))) {
      // The SDK's words for a 404, given for every status that says nothing there takes the event.
      return failure + ": " + WrongServer.notItsBaseUrl(OPTION) + " (sent to " + endpoint + ")";
    }
    Matcher connection = CONNECTION.matcher(failure);
    if (!connection.matches()) {
      return failure;
    }
    // The SDK tells an answer that is not HTTP, plain HTTP to https:// and a connection closed before an
    // answer in these words itself; a reset it quotes as Java's.
    String why = connection.group(2);
    if (why.contains("EOF reached") || why.contains("Connection reset")) {
      return WrongServer.closed(connection.group(1), OPTION);
    }
    return failure;
  }
}
