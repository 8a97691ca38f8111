package dev.pulse.server.analytics;

import dev.pulse.server.web.ErrorMessages;

/** A query parameter is invalid; {@link #parameter()} names it (the API answers 400 with it). */
public final class BadParameterException extends IllegalArgumentException {

  private final String parameter;

  public BadParameterException(String parameter, String message) {
    super(parameter + ": " + message);
    this.parameter = parameter;
  }

  /** The name of the offending parameter, e.g. {@code from}. */
  public String parameter() {
    return parameter;
  }

  /**
   * A value the client sent, for a message: in double quotes, cut to {@value ErrorMessages#MAX_QUOTED}
   * characters and "…" as in every error body (docs/api.md), so that a 100 KB parameter is not echoed back.
   * (ErrorMessages.quoted's words, kept here: analytics may not call into web, whose privacy rules
   * reach the store, which reaches analytics.)
   */
  public static String quoted(String value) {
    String shown = value.length() <= ErrorMessages.MAX_QUOTED
        ? value
        : value.substring(0, ErrorMessages.MAX_QUOTED) + "…";
    return '"' + shown + '"';
  }

  /** The message without the parameter prefix. */
  public String reason() {
    return getMessage().substring(parameter.length() + 2);
  }
}
