package dev.pulse.server.ingest;

import dev.pulse.schema.WireOperations;
import graphql.ErrorClassification;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The executable schema: the SDL of {@link WireOperations#SCHEMA_RESOURCE} (the source of truth),
 * one runtime wiring with thin data fetchers, and the {@link GraphQL} object, built once.
 *
 * <p>The mutation fetchers only convert and check their arguments ({@link InputReader}) and hand the
 * records to the request's {@link PendingRecords}; {@link Ingestor} stores them after the whole
 * operation succeeded.
 */
final class TelemetrySchema {

  /** The classification of an {@link InputViolation}'s error. */
  private static final ErrorClassification INVALID_INPUT = ErrorClassification.errorClassification("InvalidInput");

  private TelemetrySchema() {}

  static GraphQL build(IngestLimits limits) {
    InputReader reader = new InputReader(limits);
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .type("Query", type -> type.dataFetcher("ping", env -> Boolean.TRUE))
            .type(
                "Mutation",
                type ->
                    type.dataFetcher(
                            "sendTelemetries",
                            guarded(
                                env ->
                                    pending(env)
                                        .addEvents(
                                            "telemetries",
                                            reader.telemetries(
                                                "telemetries", env.getArgument("telemetries")))))
                        .dataFetcher(
                            "sendCLITelemetries",
                            guarded(
                                env ->
                                    pending(env)
                                        .addCliCommands(
                                            "telemetries",
                                            reader.cliTelemetries(
                                                "telemetries", env.getArgument("telemetries")))))
                        .dataFetcher(
                            "sendErrors",
                            guarded(
                                env ->
                                    pending(env)
                                        .addErrors(
                                            "errors",
                                            reader.errorComponent(
                                                "component", env.getArgument("component")),
                                            reader.errors("errors", env.getArgument("errors"))))))
            .build();
    GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(sdl(), wiring);
    return GraphQL.newGraphQL(schema)
        .preparsedDocumentProvider(new DocumentCache(limits))
        .instrumentation(new MaxQueryDepthInstrumentation(limits.maxQueryDepth()))
        .build();
  }

  private interface Mutation {
    void apply(DataFetchingEnvironment env);
  }

  /** A fetcher answering true, or a GraphQL error naming the field when the input breaks a rule. */
  private static DataFetcher<Object> guarded(Mutation mutation) {
    return env -> {
      try {
        mutation.apply(env);
        return Boolean.TRUE;
      } catch (InputViolation violation) {
        return DataFetcherResult.newResult()
            .error(
                GraphqlErrorBuilder.newError(env)
                    // not graphql-java's default, "DataFetchingException": answers name no Java types
                    .errorType(INVALID_INPUT)
                    .message(violation.getMessage())
                    .extensions(Map.of("code", violation.code(), "field", violation.field()))
                    .build())
            .build();
      }
    };
  }

  private static PendingRecords pending(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(PendingRecords.class);
  }

  private static TypeDefinitionRegistry sdl() {
    try (InputStream in = TelemetrySchema.class.getResourceAsStream(WireOperations.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + WireOperations.SCHEMA_RESOURCE + " (pulse-schema)");
      }
      try (Reader sdl = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        return new SchemaParser().parse(sdl);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + WireOperations.SCHEMA_RESOURCE, e);
    }
  }
}
