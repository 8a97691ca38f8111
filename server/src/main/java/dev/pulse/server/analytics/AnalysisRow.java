package dev.pulse.server.analytics;

import java.util.Map;

/** One row of an analysis answer: its fields in the API's key order (values may be null). */
public interface AnalysisRow {

  /** The row as flat key/values, exactly the keys of {@code docs/analytics-api-contract.md}. */
  Map<String, Object> fields();
}
