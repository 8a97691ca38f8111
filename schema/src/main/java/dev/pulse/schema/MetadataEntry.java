package dev.pulse.schema;

import java.util.Objects;

/** One key/value of a reported error's metadata ({@code input MetadataEntry}). */
public record MetadataEntry(String key, String value) {

  public MetadataEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }
}
