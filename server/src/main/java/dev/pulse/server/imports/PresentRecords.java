package dev.pulse.server.imports;

import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which records of one import's batches its store does not have yet, by {@link RecordIdentity},
 * counted with multiplicity: identical records (two equal events of one request) are kept as many
 * times as the file has them, and the n-th copy in the file is skipped only when the store had n
 * before the import.
 *
 * <p>Stored records are compared as the import scrubs records ({@link NdjsonImporter#scrubbed}), so a
 * record stored before a scrubbing rule existed is still found.
 *
 * <p>The store is asked only for its records received in the batch's time span (the same identity
 * means the same receive time to the millisecond), so the check costs the import a read of that span
 * and costs ingestion nothing: no index or column is kept for it. Copies counted per identity are
 * carried from one batch to the next only, so memory stays bounded by two batches; identical records
 * further apart than that in a file (an export has them side by side) may be taken for one.
 *
 * <p>One per import; not thread-safe.
 */
final class PresentRecords {

  /** Where the stored records come from: {@code EventStore::forEachReceivedBetween} or a bulk loader's. */
  interface Reader {
    void forEachReceivedBetween(RecordKind kind, Instant from, Instant to, Consumer<? super StoredRecord> sink);
  }

  /** Copies of one identity met in the file so far, and how many of them this import appended. */
  private static final class Copies {
    int seen;
    int appended;
  }

  private final Reader store;
  private final RecordKind kind;
  private final RecordIdentity identity = new RecordIdentity();
  private Map<ByteBuffer, Copies> previousBatch = Map.of();

  PresentRecords(Reader store, RecordKind kind) {
    this.store = store;
    this.kind = kind;
  }

  /** The records of {@code batch} (not empty) to append, in order; the caller appends them all. */
  List<StoredRecord> absent(List<StoredRecord> batch) {
    List<ByteBuffer> ids = new ArrayList<>(batch.size());
    Map<ByteBuffer, Copies> copies = new HashMap<>();
    Map<ByteBuffer, Integer> stored = new HashMap<>();
    for (StoredRecord record : batch) {
      ByteBuffer id = identity.of(record);
      ids.add(id);
      copies.computeIfAbsent(id, k -> previousBatch.getOrDefault(k, new Copies()));
      stored.put(id, 0);
    }
    countStored(batch, stored);
    List<StoredRecord> absent = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      Copies copy = copies.get(ids.get(i));
      copy.seen++;
      int storedBeforeThisImport = stored.get(ids.get(i)) - copy.appended;
      if (copy.seen > storedBeforeThisImport) {
        copy.appended++;
        absent.add(batch.get(i));
      }
    }
    previousBatch = copies;
    return absent;
  }

  /** Counts the stored copies of each identity in {@code stored}'s keys. */
  private void countStored(List<StoredRecord> batch, Map<ByteBuffer, Integer> stored) {
    Instant first = batch.get(0).receivedAt();
    Instant last = first;
    for (StoredRecord record : batch) {
      first = record.receivedAt().isBefore(first) ? record.receivedAt() : first;
      last = record.receivedAt().isAfter(last) ? record.receivedAt() : last;
    }
    // The identity keeps milliseconds: a stored record up to 999 µs later can be the same.
    Instant from = first.truncatedTo(ChronoUnit.MILLIS);
    Instant to = last.truncatedTo(ChronoUnit.MILLIS).plusNanos(999_999);
    store.forEachReceivedBetween(
        kind, from, to,
        record -> stored.computeIfPresent(identity.of(NdjsonImporter.scrubbed(record)), (id, n) -> n + 1));
  }
}
