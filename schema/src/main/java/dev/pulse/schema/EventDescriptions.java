package dev.pulse.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The event catalog's descriptions: what each event type stands for, in a reader's words, kept as
 * data beside the kinds ({@code event-descriptions.properties}). {@link EventCatalog} says how a
 * count adds up; this says what it counts. Every {@link EventType} has one.
 */
public final class EventDescriptions {

  private static final String RESOURCE = "/dev/pulse/schema/event-descriptions.properties";
  private static final Map<String, String> BUILT_IN = load();

  private EventDescriptions() {}

  /** The description of an event type by its wire name, if the catalog has one. */
  public static Optional<String> of(String eventType) {
    return Optional.ofNullable(BUILT_IN.get(eventType));
  }

  /** Every description, wire name to text, in {@link EventType} order. */
  public static Map<String, String> all() {
    return BUILT_IN;
  }

  private static Map<String, String> load() {
    Properties properties = new Properties();
    try (InputStream in = EventDescriptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (EventType type : EventType.values()) {
      String text = properties.getProperty(type.name());
      if (text == null || text.isBlank()) {
        throw new IllegalStateException(RESOURCE + " has no description for " + type);
      }
      ordered.put(type.name(), text.strip());
    }
    return Collections.unmodifiableMap(ordered);
  }
}
