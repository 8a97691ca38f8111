package dev.pulse.server.web;

/**
 * A request answered with an error status and the GraphQL-style error body
 * {@code {"errors":[{"message":...,"extensions":{"code":...}}]}}. Thrown by handlers, rendered by
 * the server app's error mapping. Carries no stack trace: it is an answer, not a fault.
 */
public final class HttpProblem extends RuntimeException {

  private final int status;
  private final String code;

  public HttpProblem(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** The machine-readable reason, e.g. {@code BODY_TOO_LARGE}. */
  public String code() {
    return code;
  }
}
