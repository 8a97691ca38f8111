package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.pulse.server.web.Causes;
import java.io.IOException;

/**
 * Reads a body the fast path declined into a {@link GraphQlRequest} for graphql-java, within the
 * parser limits of {@link IngestLimits}, and says in our words what is wrong with one that is not a
 * request: the one place where a body's JSON, its shape and its {@code query} are checked.
 * Thread-safe: the reader is built once.
 */
final class RequestParser {

  private final ObjectReader reader;
  private final IngestLimits limits;

  RequestParser(IngestLimits limits) {
    this.limits = limits;
    this.reader = new ObjectMapper(limits.jsonFactory())
        .readerFor(GraphQlRequest.class)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The request in {@code body}.
   *
   * @throws BadRequestException when it is not a GraphQL request with a query
   */
  GraphQlRequest parse(byte[] body) {
    GraphQlRequest request;
    try {
      request = reader.readValue(body);
    } catch (IOException e) {
      throw refusal(e);
    }
    if (request == null) {
      throw new BadRequestException("BAD_REQUEST", "the request body is JSON null, not a GraphQL request");
    }
    if (request.query() == null) {
      throw new BadRequestException("MISSING_QUERY", "the request has no \"query\"");
    }
    return request;
  }

  private BadRequestException refusal(IOException e) {
    // Databind wraps parser failures met inside a value; the parser's own exception says what broke.
    StreamConstraintsException constraint = Causes.find(e, StreamConstraintsException.class);
    if (constraint != null && !String.valueOf(constraint.getOriginalMessage()).contains("nesting")) {
      return new BadRequestException("JSON_TOO_LARGE", tooLargeValue(constraint.getOriginalMessage()));
    }
    if (constraint != null) {
      return new BadRequestException("JSON_TOO_DEEP",
          "the request JSON is nested more than " + limits.maxJsonNestingDepth()
              + " levels deep; an error's cause chain may hold at most " + limits.maxCauseDepth()
              + " errors (maxCauseDepth)");
    }
    JsonParseException parse = Causes.find(e, JsonParseException.class);
    if (parse != null) {
      // Invalid UTF-8 never gets here: Ingestor checks the body with Utf8 first.
      return new BadRequestException(
          "MALFORMED_JSON", "the request body is not valid JSON: " + JsonSyntax.describe(parse) + location(parse));
    }
    if (e instanceof JsonProcessingException json) {
      return new BadRequestException("BAD_REQUEST",
          "the request body is not a GraphQL request ({\"query\":...,\"variables\":{...}}): "
              + RequestShape.describe(json));
    }
    return new BadRequestException("BODY_READ_FAILED", "the request body could not be read: " + e.getMessage());
  }

  // Jackson's own words name its classes; these say which limit, in ours.
  private static String tooLargeValue(String detail) {
    String d = String.valueOf(detail);
    if (d.startsWith("Number")) {
      return "a number in the request JSON is too large: it has more than 1000 digits";
    }
    if (d.startsWith("String")) {
      return "a string in the request JSON is too large for the parser (maxBodyBytes)";
    }
    if (d.startsWith("Name")) {
      return "a field name in the request JSON is too large for the parser";
    }
    return "the request JSON is too large for the parser (maxBodyBytes)";
  }

  private static String location(JsonProcessingException e) {
    if (e.getLocation() == null) {
      return "";
    }
    return " (at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
