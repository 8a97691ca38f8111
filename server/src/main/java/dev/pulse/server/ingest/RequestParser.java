package dev.pulse.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.web.Causes;
import dev.pulse.server.web.DuplicateMembers;
import dev.pulse.server.web.ErrorMessages;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a body the fast path declined into a {@link GraphQlRequest} for graphql-java, within the
 * parser limits of {@link IngestLimits}, and says in our words what is wrong with one that is not a
 * request: the one place where a body's JSON, its shape and its {@code query} are checked.
 *
 * <p>The request object's members are read here one by one, not bound by Jackson: so {@code query}
 * and {@code operationName} must be strings (no number is taken for its digits), each of the three
 * may appear once, and nothing may follow the object. Thread-safe: the reader is built once.
 */
final class RequestParser {

  private static final String NOT_A_REQUEST =
      "the request body is not a GraphQL request ({\"query\":...,\"variables\":{...}}): ";

  private final JsonFactory json;
  private final IngestLimits limits;

  RequestParser(IngestLimits limits) {
    this.limits = limits;
    this.json = new ObjectMapper(limits.jsonFactory()).getFactory();
  }

  /**
   * The request in {@code body}.
   *
   * @throws BadRequestException when it is not a GraphQL request with a query
   */
  GraphQlRequest parse(byte[] body) {
    GraphQlRequest request;
    try (JsonParser parser = json.createParser(body)) {
      request = request(parser);
      if (parser.nextToken() != null) {
        throw new BadRequestException("MALFORMED_JSON",
            "the request body goes on after its JSON object ends" + at(parser.currentTokenLocation())
                + "; send one object");
      }
    } catch (IOException e) {
      throw refusal(e);
    }
    if (request.query() == null) {
      throw new BadRequestException("MISSING_QUERY", "the request has no \"query\"");
    }
    return request;
  }

  /** {@code {"query": ..., "variables": {...}, "operationName": ...}}; other members are skipped. */
  private GraphQlRequest request(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new BadRequestException("BAD_REQUEST", NOT_A_REQUEST + "the body is empty");
    }
    if (first == JsonToken.VALUE_NULL) {
      throw new BadRequestException("BAD_REQUEST", "the request body is JSON null, not a GraphQL request");
    }
    if (first != JsonToken.START_OBJECT) {
      throw new BadRequestException("BAD_REQUEST", NOT_A_REQUEST + "the body must be an object, got " + kind(parser));
    }
    String query = null;
    String operationName = null;
    Map<String, Object> variables = null;
    int seen = 0;
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      int member = switch (name) {
        case "query" -> 1;
        case "operationName" -> 2;
        case "variables" -> 4;
        default -> 0;
      };
      if ((seen & member) != 0) {
        throw new BadRequestException("MALFORMED_JSON", "the request body has the member \"" + name
            + "\" twice" + at(parser.currentTokenLocation()) + "; send each member of the request once");
      }
      seen |= member;
      switch (member) {
        case 1 -> query = string(parser, value, name);
        case 2 -> operationName = string(parser, value, name);
        case 4 -> variables = variables(parser, value);
        default -> parser.skipChildren();
      }
    }
    return new GraphQlRequest(query, variables, operationName);
  }

  private static String string(JsonParser parser, JsonToken value, String name) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new BadRequestException("BAD_REQUEST",
        NOT_A_REQUEST + "\"" + name + "\" must be a string, got " + kind(parser));
  }

  private Map<String, Object> variables(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      throw new BadRequestException("BAD_REQUEST",
          NOT_A_REQUEST + "\"variables\" must be an object, got " + kind(parser));
    }
    // A member twice in one object is refused, not settled by the last one winning (the fast path
    // declines such a body, and this path must not then take what it would not).
    parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return JsonValues.object(parser); // numbers exact: no fraction is rounded away before the Int check
  }

  /** The value at the parser, in words: a scalar as written (cut), a structure by its kind. */
  private static String kind(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      default -> ErrorMessages.cut(parser.getText());
    };
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
    String duplicate = parse == null ? null : duplicateName(parse);
    if (duplicate != null) {
      return new BadRequestException("MALFORMED_JSON", "the request body has the member \"" + duplicate
          + "\" twice in one object" + at(parse.getLocation()) + "; send each member of an object once");
    }
    if (parse != null) {
      return new BadRequestException(
          "MALFORMED_JSON",
          "the request body is not valid JSON: " + JsonSyntax.describe(parse) + at(parse.getLocation()));
    }
    if (e instanceof JsonProcessingException) {
      // Reading the variables into maps and lists has no other failure; this only keeps Jackson's words out.
      return new BadRequestException("BAD_REQUEST", NOT_A_REQUEST + "\"variables\" could not be read");
    }
    return new BadRequestException("BODY_READ_FAILED", "the request body could not be read");
  }

  /** The member a strict parser found twice in one object, cut short; null for any other failure. */
  private static String duplicateName(JsonParseException e) {
    String name = DuplicateMembers.nameIn(e);
    if (name == null) {
      return null;
    }
    return name.length() > 40 ? name.substring(0, 40) + "..." : name;
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
      return "a member name in the request JSON is longer than " + IngestLimits.MAX_MEMBER_NAME_LENGTH
          + " characters; no member of a telemetry request has a name that long";
    }
    return "the request JSON is too large for the parser (maxBodyBytes)";
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (at line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
