package dev.pulse.client.errors;

/** What of an exception's message is reported. */
public enum MessagePolicy {
  /** No message at all: only the class, causes and stack frames. */
  DROP,
  /**
   * The default: the message with URLs, e-mail addresses, IP addresses, host names with a port or a
   * common domain suffix, file-system paths and long numbers replaced by placeholders such as
   * {@code <url>}, {@code <path>}; cut to 300 characters. See {@link MessageScrubber}.
   */
  SCRUB,
  /** The message as it is (cut to 300 characters). Only for hosts whose messages carry no user data. */
  VERBATIM
}
