package dev.pulse.server.dashboard;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figures counted straight from a data set's records, by the definitions of {@code
 * docs/analytics.md} and without the analytics code, so page tests compare what a user sees with an
 * independent count.
 */
final class DataSetFigures {

  private final RecordBatch data;

  DataSetFigures(RecordBatch data) {
    this.data = data;
  }

  static LocalDate day(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC);
  }

  /** Per version, per day, the installs that sent a component event on it. */
  Map<String, TreeMap<LocalDate, Set<String>>> installsByVersion() {
    Map<String, TreeMap<LocalDate, Set<String>>> versions = new TreeMap<>();
    for (StoredEvent event : data.events()) {
      versions
          .computeIfAbsent(event.component().version(), v -> new TreeMap<>())
          .computeIfAbsent(day(event.receivedAt()), d -> new HashSet<>())
          .add(event.component().contextId());
    }
    return versions;
  }

  /** Per day, the installs that sent a component event. */
  TreeMap<LocalDate, Set<String>> activeInstalls() {
    TreeMap<LocalDate, Set<String>> days = new TreeMap<>();
    for (StoredEvent event : data.events()) {
      days.computeIfAbsent(day(event.receivedAt()), d -> new HashSet<>())
          .add(event.component().contextId());
    }
    return days;
  }

  /** The distinct installs active on some day of {@code first..last}. */
  Set<String> activeBetween(LocalDate first, LocalDate last) {
    Set<String> installs = new HashSet<>();
    activeInstalls().subMap(first, true, last, true).values().forEach(installs::addAll);
    return installs;
  }

  /** The reports of one fingerprint. */
  List<StoredError> reports(String fingerprint) {
    return data.errors().stream().filter(e -> e.fingerprint().equals(fingerprint)).toList();
  }
}
