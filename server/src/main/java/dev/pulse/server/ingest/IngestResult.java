package dev.pulse.server.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one request: the GraphQL response body ({@code data} and/or {@code errors}), and
 * whether its records were stored.
 *
 * @param body the response body, ready to serialize as JSON
 * @param accepted true when the request succeeded and its records are durable
 */
public record IngestResult(Map<String, Object> body, boolean accepted) {

  static IngestResult accepted(Object data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    return new IngestResult(body, true);
  }

  static IngestResult rejected(Object data, List<Map<String, Object>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errors", errors);
    body.put("data", data);
    return new IngestResult(body, false);
  }

  static IngestResult error(String message, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("extensions", Map.of("code", code));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("errors", List.of(error));
    return new IngestResult(body, false);
  }
}
