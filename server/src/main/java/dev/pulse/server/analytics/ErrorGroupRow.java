package dev.pulse.server.analytics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports of one error fingerprint over the range; {@code versions} comma-joined, sorted. */
public record ErrorGroupRow(
    String fingerprint,
    String errorClass,
    String message,
    long count,
    long installs,
    String versions,
    Instant firstSeen,
    Instant lastSeen)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("fingerprint", fingerprint);
    fields.put("errorClass", errorClass);
    fields.put("message", message);
    fields.put("count", count);
    fields.put("installs", installs);
    fields.put("versions", versions);
    fields.put("firstSeen", firstSeen.toString());
    fields.put("lastSeen", lastSeen.toString());
    return fields;
  }
}
