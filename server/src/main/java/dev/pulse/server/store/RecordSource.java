package dev.pulse.server.store;

import java.time.Instant;
import java.util.function.Consumer;

/** The streaming-read role of a store: export and import read stored records through it. Thread-safe. */
public interface RecordSource {

  /** Streams every stored component event, in the order stored. */
  void forEachEvent(Consumer<StoredEvent> sink);

  /** Streams every stored CLI command, in the order stored. */
  void forEachCliCommand(Consumer<StoredCliCommand> sink);

  /** Streams every stored error report, in the order stored. */
  void forEachError(Consumer<StoredError> sink);

  /** Streams every stored record of one kind, in the order stored. */
  default void forEach(RecordKind kind, Consumer<? super StoredRecord> sink) {
    switch (kind) {
      case EVENTS -> forEachEvent(sink::accept);
      case CLI_COMMANDS -> forEachCliCommand(sink::accept);
      case ERRORS -> forEachError(sink::accept);
    }
  }

  /**
   * Streams the stored records of one kind received from {@code from} (inclusive) to {@code to}
   * (exclusive), in the order stored: an export of a range. Stores override this with a read of that range;
   * the default filters a full read.
   */
  default void forEachReceivedIn(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    forEach(kind, record -> {
      if (!record.receivedAt().isBefore(from) && record.receivedAt().isBefore(to)) {
        sink.accept(record);
      }
    });
  }

  /**
   * Streams the stored records of one kind received between {@code from} and {@code to}, both
   * inclusive, in no particular order: what an import compares its records with. Stores override
   * this with a read that skips other times; the default filters a full read.
   */
  default void forEachReceivedBetween(
      RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink) {
    forEach(kind, record -> {
      if (!record.receivedAt().isBefore(from) && !record.receivedAt().isAfter(to)) {
        sink.accept(record);
      }
    });
  }
}
