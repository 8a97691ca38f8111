package dev.pulse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The kind of every event type ({@code docs/analytics.md}), kept as data: the built-in table is the
 * classpath resource {@code event-catalog.properties}, and {@link #withOverrides} adds or changes
 * entries (a new event type can be configured without a code change). Immutable.
 */
public final class EventCatalog {

  private static final String RESOURCE = "/dev/pulse/schema/event-catalog.properties";
  private static final EventCatalog BUILT_IN = new EventCatalog(load());

  private final Map<String, EventKind> kinds;

  private EventCatalog(Map<String, EventKind> kinds) {
    this.kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
  }

  /** The catalog of the event catalog document. */
  public static EventCatalog builtIn() {
    return BUILT_IN;
  }

  /** This catalog with entries added or replaced, e.g. {@code NEW_EVENT=DELTA}. */
  public EventCatalog withOverrides(Map<String, EventKind> overrides) {
    Map<String, EventKind> merged = new LinkedHashMap<>(kinds);
    merged.putAll(Objects.requireNonNull(overrides, "overrides"));
    return new EventCatalog(merged);
  }

  /** The kind of an event type by its wire name, if the catalog knows it. */
  public Optional<EventKind> kindOf(String eventType) {
    return Optional.ofNullable(kinds.get(eventType));
  }

  /** The kind of a built-in event type. */
  public EventKind kindOf(EventType eventType) {
    EventKind kind = kinds.get(eventType.name());
    if (kind == null) {
      throw new IllegalStateException("the event catalog has no entry for " + eventType);
    }
    return kind;
  }

  /** Every entry, wire name to kind, in catalog order. */
  public Map<String, EventKind> entries() {
    return kinds;
  }

  /** Parses {@code TYPE=KIND} lines; names the offending line on error. */
  public static Map<String, EventKind> parse(Properties properties) {
    Map<String, EventKind> parsed = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      String value = properties.getProperty(name).trim();
      try {
        parsed.put(name.trim(), EventKind.valueOf(value));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "event catalog entry " + name + "=" + value + ": kind must be HEARTBEAT, LEVEL or DELTA", e);
      }
    }
    return parsed;
  }

  private static Map<String, EventKind> load() {
    Properties properties = new Properties();
    try (InputStream in = EventCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, EventKind> ordered = new LinkedHashMap<>();
    for (EventType type : EventType.values()) {
      String kind = properties.getProperty(type.name());
      if (kind == null) {
        throw new IllegalStateException(RESOURCE + " has no entry for " + type);
      }
      ordered.put(type.name(), EventKind.valueOf(kind.trim()));
    }
    return ordered;
  }
}
