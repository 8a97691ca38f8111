package dev.pulse.server.ingest;

import dev.pulse.schema.TelemetryInput;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.UnknownOperationException;
import graphql.language.SourceLocation;
import graphql.parser.ParserOptions;
import graphql.schema.CoercingParseValueException;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.Set;

/**
 * Takes one request body ({@link #ingest(byte[])}) and, when it succeeds as a whole, stores its
 * records in one {@link EventStore#append} (which returns once they are durable). A request that
 * fails anywhere stores nothing.
 *
 * <p>Every record of a request gets the same receive time (the server clock, to the millisecond) and
 * its contextId re-keyed with the server secret; nothing else about the request is kept.
 *
 * <p>Thread-safe; build one per server.
 */
public final class Ingestor {

  private final GraphQL graphQl;
  private final ParserOptions parserOptions;
  private final EventStore store;
  private final ContextKeyer keyer;
  private final IngestLimits limits;
  private final Clock clock;
  private final IngestObserver observer;
  private final TelemetriesFastPath fastPath;
  private final RequestParser parser;

  /** graphql-java's validation errors of a value written in the query, which it words with its syntax tree. */
  private static final Set<ValidationErrorType> LITERAL_FAULTS = EnumSet.of(
      ValidationErrorType.WrongType, ValidationErrorType.BadValueForDefaultArg,
      ValidationErrorType.NullValueForNonNullArgument);

  private static final Map<String, Object> SEND_TELEMETRIES_DATA = Map.of("sendTelemetries", Boolean.TRUE);

  public Ingestor(
      IngestLimits limits,
      EventStore store,
      ContextKeyer keyer,
      Clock clock,
      IngestObserver observer) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.store = Objects.requireNonNull(store, "store");
    this.keyer = Objects.requireNonNull(keyer, "keyer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.graphQl = TelemetrySchema.build(limits);
    this.fastPath =
        new TelemetriesFastPath(limits.jsonFactory(), new InputReader(limits), limits.maxItemsPerRequest());
    this.parser = new RequestParser(limits);
    this.parserOptions =
        ParserOptions.getDefaultOperationParserOptions()
            .transform(
                options ->
                    options
                        .maxCharacters(limits.maxQueryCharacters())
                        .maxTokens(limits.maxQueryTokens())
                        .maxRuleDepth(Math.max(64, limits.maxQueryDepth() * 8)));
  }

  /** The limits this ingestor enforces. */
  public IngestLimits limits() {
    return limits;
  }

  /**
   * Ingests one request body, inflated: the one entry of ingestion. A plain, valid
   * {@code SendTelemetries} (the Go components' exact document, nearly all the volume) is read
   * straight from its JSON by the fast path; any other body is parsed into a {@link GraphQlRequest}
   * and executed by graphql-java, which gives the precise error when it is wrong. Either way the
   * records of a request that succeeds as a whole are stored in one {@link EventStore#append}.
   *
   * @param body the request body, inflated
   * @return the GraphQL response (data or errors)
   * @throws BadRequestException when the body is not UTF-8, or not a GraphQL request with a query
   * @throws dev.pulse.server.store.StoreException when the records could not be committed
   */
  public IngestResult ingest(byte[] body) {
    Utf8.check(body); // Jackson's decoder takes overlong and out-of-range sequences for characters
    List<TelemetryInput> telemetries = fastPath.read(body);
    if (telemetries != null) {
      PendingRecords pending = new PendingRecords(now(), keyer, limits.maxItemsPerRequest());
      pending.addEvents("telemetries", telemetries);
      return store(pending, SEND_TELEMETRIES_DATA);
    }
    try {
      return execute(parser.parse(body));
    } catch (StackOverflowError | CompletionException e) {
      if (!(e instanceof StackOverflowError) && !(e.getCause() instanceof StackOverflowError)) {
        throw e;
      }
      // Jackson's tree and graphql-java's coercion of the variables recurse: a chain within the limits,
      // read on a thread with a smaller stack than the limits were set for.
      throw new BadRequestException("JSON_TOO_DEEP", "the request nests deeper than this server's threads can read"
          + " (an error's cause chain of up to " + limits.maxCauseDepth() + " is taken, maxCauseDepth); send"
          + " shorter cause chains");
    }
  }

  private IngestResult execute(GraphQlRequest request) {
    PendingRecords pending = new PendingRecords(now(), keyer, limits.maxItemsPerRequest());
    Map<Object, Object> context = new LinkedHashMap<>();
    context.put(PendingRecords.class, pending);
    context.put(ParserOptions.class, parserOptions);
    ExecutionInput input =
        ExecutionInput.newExecutionInput()
            .query(request.query())
            .operationName(request.operationName())
            .variables(request.variables() == null ? Map.of() : request.variables())
            .graphQLContext(context)
            // graphql-java's own messages follow the JVM's locale: answer every client in one language.
            .locale(Locale.ROOT)
            .build();
    ExecutionResult result = graphQl.execute(input);
    if (!result.getErrors().isEmpty()) {
      List<Map<String, Object>> errors = errors(result.getErrors());
      named(errors, result.getErrors(), request);
      observer.rejected(String.valueOf(errorCode(errors.get(0))));
      return IngestResult.rejected(result.getData(), errors);
    }
    return store(pending, result.getData());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private IngestResult store(PendingRecords pending, Object data) {
    RecordBatch batch = pending.batch();
    if (!batch.isEmpty()) {
      store.append(batch);
    }
    observer.accepted(batch);
    return IngestResult.accepted(data);
  }

  /** The errors as the spec renders them, each with an {@code extensions.code}. */
  private static List<Map<String, Object>> errors(List<GraphQLError> errors) {
    List<Map<String, Object>> rendered = new ArrayList<>(errors.size());
    for (GraphQLError error : errors) {
      Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
      Object extensions = spec.get("extensions");
      Map<Object, Object> withCode = new LinkedHashMap<>();
      if (extensions instanceof Map<?, ?> existing) {
        withCode.putAll(existing);
      }
      withCode.putIfAbsent("code", codeOf(error));
      spec.put("extensions", withCode);
      rendered.add(spec);
    }
    return rendered;
  }

  /**
   * A variable graphql-java refused (the wrong scalar, an unknown enum name or input member, a null
   * where one is required) gets a message naming the field and the value, and the field in its
   * extensions, as does a value written in the query (a literal) that validation refused; an
   * operation graphql-java could not pick gets one saying what to send. graphql-java's own words name
   * the variable and a Java class, or its internals ("coerced Null value"), or dump its syntax tree.
   */
  private void named(List<Map<String, Object>> rendered, List<GraphQLError> errors, GraphQlRequest request) {
    Map<SourceLocation, InputViolation> literals = null;
    for (int i = 0; i < errors.size(); i++) {
      GraphQLError error = errors.get(i);
      if (error instanceof UnknownOperationException) {
        rendered.get(i).put("message", request.operationName() == null
            ? "the query holds more than one operation; name the one to run in \"operationName\""
            : "the query holds no operation named " + VariableFaults.quoted(request.operationName())
                + "; \"operationName\" must name one of its operations");
      } else if (error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException
          || error instanceof InputMapDefinesTooManyFieldsException) {
        name(rendered.get(i), VariableFaults.find(graphQl.getGraphQLSchema(), request, parserOptions));
      } else if (error instanceof ValidationError validation
          && LITERAL_FAULTS.contains(validation.getValidationErrorType())) {
        if (literals == null) { // once for all the errors: a query may have a hundred
          literals = LiteralFaults.find(graphQl.getGraphQLSchema(), request, parserOptions);
        }
        name(rendered.get(i), LiteralFaults.at(literals, error.getLocations()));
      }
    }
  }

  /** The error in our words: the fault's message, and its field in the extensions; as it is without one. */
  private static void name(Map<String, Object> rendered, InputViolation fault) {
    if (fault != null) {
      rendered.put("message", fault.getMessage());
      @SuppressWarnings("unchecked")
      Map<Object, Object> extensions = (Map<Object, Object>) rendered.get("extensions");
      extensions.put("field", fault.field());
    }
  }

  private static Object errorCode(Map<String, Object> error) {
    return ((Map<?, ?>) error.get("extensions")).get("code");
  }

  private static String codeOf(GraphQLError error) {
    if (error.getErrorType() == null) {
      return "INTERNAL";
    }
    String classification = error.getErrorType().toString();
    switch (classification) {
      case "InvalidSyntax":
        return "GRAPHQL_PARSE_FAILED";
      case "ExecutionAborted":
        return "QUERY_TOO_COMPLEX";
      case "ValidationError":
        // Coercion failures of variables (unknown enum value, missing required field) are
        // exceptions; document validation failures are not.
        return error instanceof Throwable ? "BAD_USER_INPUT" : "GRAPHQL_VALIDATION_FAILED";
      default:
        return "BAD_USER_INPUT";
    }
  }
}
