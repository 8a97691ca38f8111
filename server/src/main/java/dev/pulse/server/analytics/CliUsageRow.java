package dev.pulse.server.analytics;

import java.util.LinkedHashMap;
import java.util.Map;

/** Invocations and distinct CLI contexts of one command path in one CLI version. */
public record CliUsageRow(
    String noun, String verb, String modifiers, String version, long invocations, long installs)
    implements AnalysisRow {

  @Override
  public Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("noun", noun);
    fields.put("verb", verb);
    fields.put("modifiers", modifiers);
    fields.put("version", version);
    fields.put("invocations", invocations);
    fields.put("installs", installs);
    return fields;
  }
}
