package dev.pulse.server.dashboard;

import static dev.pulse.server.dashboard.FakeAnalyticsApi.row;

import dev.pulse.schema.MetadataEntry;
import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The CLI and error answers of {@link FakeAnalyticsApi}. */
final class FakeCliAndErrors {

  private FakeCliAndErrors() {}

  static List<Map<String, Object>> cli(RecordBatch data, LocalDate[] range) {
    Map<List<String>, List<StoredCliCommand>> groups = new TreeMap<>(Comparator.comparing(Object::toString));
    for (StoredCliCommand c : data.cliCommands()) {
      LocalDate day = LocalDate.ofInstant(c.receivedAt(), ZoneOffset.UTC);
      if (day.isBefore(range[0]) || day.isAfter(range[1])) {
        continue;
      }
      List<String> key =
          List.of(
              c.command().noun(),
              c.command().verb(),
              String.join(" ", c.command().modifiers()),
              c.identifier().version());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    groups.forEach(
        (key, list) ->
            rows.add(
                row(
                    "noun", key.get(0), "verb", key.get(1), "modifiers", key.get(2),
                    "version", key.get(3), "invocations", list.size(),
                    "installs",
                    (int) list.stream().map(c -> c.identifier().contextId()).distinct().count())));
    return rows;
  }

  static Map<String, Object> errorRow(String fingerprint, List<StoredError> group) {
    StoredError first = group.get(0);
    return row(
        "fingerprint", fingerprint,
        "errorClass", first.error().errorClass(),
        "message", first.error().message(),
        "count", group.size(),
        "installs", (int) group.stream().map(e -> e.component().contextId()).distinct().count(),
        "versions",
            FakeAnalyticsApi.joinSorted(
                group.stream().map(e -> e.component().version()).collect(Collectors.toSet())),
        "firstSeen", group.get(0).receivedAt().toString(),
        "lastSeen", group.get(group.size() - 1).receivedAt().toString());
  }

  static Map<String, Object> sample(ReportedError error) {
    if (error == null) {
      return null;
    }
    List<Map<String, Object>> stack = new ArrayList<>();
    for (StackFrame f : error.stack()) {
      stack.add(
          row("file", f.file(), "lineNumber", f.lineNumber(), "name", f.name(), "package", f.packageName()));
    }
    List<Map<String, Object>> metadata = new ArrayList<>();
    for (MetadataEntry m : error.metadata()) {
      metadata.add(row("key", m.key(), "value", m.value()));
    }
    return row(
        "message", error.message(),
        "errorClass", error.errorClass(),
        "cause", sample(error.cause()),
        "stack", stack,
        "metadata", metadata);
  }
}
