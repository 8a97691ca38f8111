package dev.pulse.client.send;

import java.time.Duration;

/**
 * Remembers, across a short-lived host's runs (a CLI), how long sending to its server is to wait: the
 * quiet a server asked for with {@code Retry-After}, or the quiet a run chose after the server took its
 * request and never answered. A run that starts within it keeps what it has without trying, so that a
 * server behind a firewall that drops costs one run the close deadline, not every run. Implementations
 * never throw: a memory that cannot be read or written remembers nothing.
 */
public interface QuietMemory {

  /**
   * What earlier runs left for this server: the quiet still to wait ({@link Duration#ZERO} once over), or
   * null when nothing is remembered.
   */
  Duration remembered();

  /** Remembers that the server asked for {@code quiet} from now. */
  void pausedFor(Duration quiet);

  /**
   * Remembers that the server took a request and gave no answer before the run ended; returns the quiet
   * chosen (longer each time in a row).
   */
  Duration unanswered();

  /** The server answered: nothing more to remember. */
  void forget();

  /** A quiet's length as the lines about it say it, rounded up: "15 min" under an hour, else "2 h". */
  static String inWords(Duration quiet) {
    long minutes = (quiet.toSeconds() + 59) / 60;
    return minutes < 60 ? minutes + " min" : (minutes + 59) / 60 + " h";
  }
}
