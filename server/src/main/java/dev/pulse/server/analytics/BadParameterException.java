package dev.pulse.server.analytics;

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

  /** The message without the parameter prefix. */
  public String reason() {
    return getMessage().substring(parameter.length() + 2);
  }
}
