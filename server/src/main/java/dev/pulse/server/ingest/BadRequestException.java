package dev.pulse.server.ingest;

/**
 * A body that is not a GraphQL request: not JSON, JSON over a parser limit, the wrong shape, or
 * without a query. Answered 400 before graphql-java sees anything; carries no stack trace.
 */
public final class BadRequestException extends RuntimeException {

  private final String code;

  BadRequestException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The machine-readable reason, e.g. {@code MALFORMED_JSON} or {@code MISSING_QUERY}. */
  public String code() {
    return code;
  }
}
