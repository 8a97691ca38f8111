package dev.pulse.server.dashboard;

import dev.pulse.schema.ComponentType;
import dev.pulse.schema.EventCatalog;
import dev.pulse.schema.EventKind;
import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A hand-written stand-in for the analytics API of docs/analytics-api-contract.md, computed naively
 * over an in-memory {@link RecordBatch}. It lets the pages be tested before the real analytics
 * lands; the browser tests assert the numbers the data set implies, not what this fake says.
 */
final class FakeAnalyticsApi {

  private final RecordBatch data;
  private final EventCatalog catalog = EventCatalog.builtIn();

  private FakeAnalyticsApi(RecordBatch data) {
    this.data = data;
  }

  static void register(Javalin app, RecordBatch data) {
    FakeAnalyticsApi api = new FakeAnalyticsApi(data);
    app.before(
        "/api/v1/*",
        ctx -> {
          if (range(ctx)[0].isAfter(range(ctx)[1])) {
            ctx.status(400).json(Map.of("error", "from is after to", "parameter", "from")).skipRemainingHandlers();
          }
        });
    app.get("/api/v1/active-installs", ctx -> api.answer(ctx, "active-installs", api.active(ctx)));
    app.get("/api/v1/new-installs", ctx -> api.answer(ctx, "new-installs", api.newInstalls(ctx)));
    app.get("/api/v1/versions", ctx -> api.answer(ctx, "versions", api.versions(ctx)));
    app.get("/api/v1/retention", ctx -> api.answer(ctx, "retention", api.retention(ctx)));
    app.get("/api/v1/features", ctx -> api.answer(ctx, "features", api.features(ctx)));
    app.get("/api/v1/cli", ctx -> api.answer(ctx, "cli", FakeCliAndErrors.cli(data, range(ctx))));
    app.get("/api/v1/errors", ctx -> api.answer(ctx, "errors", api.errors(ctx, null)));
    app.get(
        "/api/v1/errors/{fingerprint}",
        ctx -> api.answer(ctx, "errors", api.errors(ctx, ctx.pathParam("fingerprint"))));
  }

  private void answer(Context ctx, String analysis, List<Map<String, Object>> rows) {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("analysis", analysis);
    envelope.put("from", range(ctx)[0].toString());
    envelope.put("to", range(ctx)[1].toString());
    envelope.put("component", ctx.queryParam("component"));
    envelope.put("version", null);
    envelope.put("rows", rows);
    ctx.json(envelope);
  }

  static LocalDate[] range(Context ctx) {
    return new LocalDate[] {
      LocalDate.parse(ctx.queryParam("from")), LocalDate.parse(ctx.queryParam("to"))
    };
  }

  private List<StoredEvent> events(Context ctx) {
    String component = ctx.queryParam("component");
    return data.events().stream()
        .filter(e -> e.component().componentType() != ComponentType.CLI)
        .filter(e -> component == null || e.component().componentType().name().equals(component))
        .toList();
  }

  private static LocalDate day(StoredEvent e) {
    return LocalDate.ofInstant(e.receivedAt(), ZoneOffset.UTC);
  }

  private static Set<String> activeBetween(List<StoredEvent> events, LocalDate from, LocalDate to) {
    return events.stream()
        .filter(e -> !day(e).isBefore(from) && !day(e).isAfter(to))
        .map(e -> e.component().contextId())
        .collect(Collectors.toSet());
  }

  private List<Map<String, Object>> active(Context ctx) {
    List<StoredEvent> events = events(ctx);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LocalDate d = range(ctx)[0]; !d.isAfter(range(ctx)[1]); d = d.plusDays(1)) {
      rows.add(
          row(
              "day", d.toString(),
              "active", activeBetween(events, d, d).size(),
              "active7", activeBetween(events, d.minusDays(6), d).size(),
              "active28", activeBetween(events, d.minusDays(27), d).size()));
    }
    return rows;
  }

  private Map<String, LocalDate> firstDays(List<StoredEvent> events) {
    Map<String, LocalDate> first = new TreeMap<>();
    for (StoredEvent e : events) {
      first.merge(e.component().contextId(), day(e), (x, y) -> x.isBefore(y) ? x : y);
    }
    return first;
  }

  private List<Map<String, Object>> newInstalls(Context ctx) {
    Map<String, LocalDate> first = firstDays(events(ctx));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LocalDate d = range(ctx)[0]; !d.isAfter(range(ctx)[1]); d = d.plusDays(1)) {
      LocalDate day = d;
      long count = first.values().stream().filter(day::equals).count();
      rows.add(row("day", d.toString(), "newInstalls", (int) count));
    }
    return rows;
  }

  private List<Map<String, Object>> versions(Context ctx) {
    List<StoredEvent> events = events(ctx);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LocalDate d = range(ctx)[0]; !d.isAfter(range(ctx)[1]); d = d.plusDays(1)) {
      LocalDate day = d;
      Map<String, String> versionByInstall = new TreeMap<>();
      events.stream()
          .filter(e -> day(e).equals(day))
          .sorted(Comparator.comparing(StoredEvent::receivedAt))
          .forEach(e -> versionByInstall.put(e.component().contextId(), e.component().version()));
      Map<String, Long> counts =
          versionByInstall.values().stream()
              .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
      counts.forEach(
          (version, n) ->
              rows.add(
                  row(
                      "day", day.toString(),
                      "version", version,
                      "activeInstalls", n.intValue(),
                      "share", n / (double) versionByInstall.size())));
    }
    return rows;
  }

  private List<Map<String, Object>> retention(Context ctx) {
    List<StoredEvent> events = events(ctx);
    LocalDate to = range(ctx)[1];
    Map<LocalDate, List<String>> cohorts = new TreeMap<>();
    firstDays(events)
        .forEach(
            (install, first) ->
                cohorts
                    .computeIfAbsent(monday(first), w -> new ArrayList<>())
                    .add(install));
    List<Map<String, Object>> rows = new ArrayList<>();
    cohorts.forEach(
        (week, installs) -> {
          if (week.isBefore(monday(range(ctx)[0]))) {
            return;
          }
          for (int n = 1; n <= 12 && !week.plusWeeks(n).isAfter(to); n++) {
            Set<String> active = activeBetween(events, week.plusWeeks(n), week.plusWeeks(n).plusDays(6));
            long kept = installs.stream().filter(active::contains).count();
            rows.add(
                row(
                    "cohortWeek", week.toString(),
                    "cohortSize", installs.size(),
                    "weekOffset", n,
                    "active", (int) kept,
                    "share", kept / (double) installs.size()));
          }
        });
    return rows;
  }

  private static LocalDate monday(LocalDate day) {
    return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private List<Map<String, Object>> features(Context ctx) {
    LocalDate[] range = range(ctx);
    List<StoredEvent> inRange =
        events(ctx).stream()
            .filter(e -> !day(e).isBefore(range[0]) && !day(e).isAfter(range[1]))
            .toList();
    Map<EventType, List<StoredEvent>> byType =
        inRange.stream()
            .collect(Collectors.groupingBy(e -> e.data().eventType(), TreeMap::new, Collectors.toList()));
    List<Map<String, Object>> rows = new ArrayList<>();
    byType.forEach((type, list) -> rows.add(featureRow(type, list)));
    // Like the real API, every catalog type is listed, unused ones with no installs.
    for (EventType type : EventType.values()) {
      if (!byType.containsKey(type)) {
        rows.add(row("eventType", type.name(), "kind", catalog.kindOf(type).name(), "installs", 0,
            "total", null, "median", null, "p90", null, "max", null));
      }
    }
    return rows;
  }

  private Map<String, Object> featureRow(EventType type, List<StoredEvent> list) {
    EventKind kind = catalog.kindOf(type);
    Set<String> installs = list.stream().map(e -> e.component().contextId()).collect(Collectors.toSet());
    Integer total = null;
    Integer median = null;
    Integer p90 = null;
    Integer max = null;
    if (kind == EventKind.DELTA || type == EventType.STARTED) {
      total = list.stream().mapToInt(e -> e.data().count()).sum();
    }
    if (kind == EventKind.LEVEL) {
      Map<String, Integer> latest = new TreeMap<>();
      list.stream()
          .sorted(Comparator.comparing(StoredEvent::receivedAt))
          .forEach(e -> latest.put(e.component().contextId(), e.data().count()));
      List<Integer> levels = latest.values().stream().sorted().toList();
      median = levels.get((levels.size() - 1) / 2);
      p90 = levels.get((int) Math.ceil(0.9 * levels.size()) - 1);
      max = levels.get(levels.size() - 1);
    }
    return row(
        "eventType", type.name(), "kind", kind.name(), "installs", installs.size(),
        "total", total, "median", median, "p90", p90, "max", max);
  }

  private List<Map<String, Object>> errors(Context ctx, String fingerprint) {
    LocalDate[] range = range(ctx);
    Map<String, List<StoredError>> groups = new TreeMap<>();
    for (StoredError e : data.errors()) {
      LocalDate day = LocalDate.ofInstant(e.receivedAt(), ZoneOffset.UTC);
      if (day.isBefore(range[0]) || day.isAfter(range[1])) {
        continue;
      }
      groups.computeIfAbsent(e.fingerprint(), f -> new ArrayList<>()).add(e);
    }
    if (fingerprint != null) {
      List<StoredError> group = groups.get(fingerprint);
      if (group == null) {
        throw new NotFoundResponse("no error " + fingerprint);
      }
      Map<String, Object> row = FakeCliAndErrors.errorRow(fingerprint, group);
      row.put("sample", FakeCliAndErrors.sample(group.get(0).error()));
      return List.of(row);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    groups.forEach((fp, group) -> rows.add(FakeCliAndErrors.errorRow(fp, group)));
    return rows;
  }

  static Map<String, Object> row(Object... keyValues) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      row.put((String) keyValues[i], keyValues[i + 1]);
    }
    return row;
  }

  static String joinSorted(Set<String> values) {
    return String.join(",", new TreeSet<>(values));
  }
}
