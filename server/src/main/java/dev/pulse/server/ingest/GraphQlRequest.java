package dev.pulse.server.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One GraphQL-over-HTTP request body: {@code {"query": ..., "variables": {...}, "operationName": ...}}.
 * Other members (e.g. {@code extensions}) are ignored.
 *
 * @param query the operation text; required
 * @param variables the variables, or null
 * @param operationName the operation to run, or null when the document has one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GraphQlRequest(String query, Map<String, Object> variables, String operationName) {}
