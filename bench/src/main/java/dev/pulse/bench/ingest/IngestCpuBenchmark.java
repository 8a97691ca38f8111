package dev.pulse.bench.ingest;

import dev.pulse.server.ingest.IngestLimits;
import dev.pulse.server.ingest.IngestObserver;
import dev.pulse.server.ingest.Ingestor;
import dev.pulse.server.privacy.ContextKeyer;
import dev.pulse.server.store.ErasureReport;
import dev.pulse.server.store.EventStore;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredCliCommand;
import dev.pulse.server.store.StoredError;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.duckdb.journal.BatchCodec;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The CPU one durable request costs the server outside HTTP and DuckDB, one thread, no disk: reading
 * the network mapper's 100-event batch from its JSON into records (a request thread's work), encoding
 * two such requests for the journal (the group-commit writer's), and decoding them again (the
 * applier's). Divide by 100 (or 200) for a figure per event.
 *
 * <pre>
 * mvn -B -q -pl bench -am package -DskipTests
 * mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "bench/target/classes:$(cat bench/target/cp.txt)" org.openjdk.jmh.Main \
 *     IngestCpuBenchmark -f 1 -wi 3 -i 5 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class IngestCpuBenchmark {

  private List<byte[]> bodies;
  private Ingestor ingestor;
  private LastBatch store;
  private RecordBatch group;
  private byte[] encoded;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    bodies = LoadGenerator.create(1000, false).bodies();
    store = new LastBatch();
    ingestor =
        new Ingestor(
            IngestLimits.defaults(), store, ContextKeyer.withSecret(new byte[32]), Clock.systemUTC(),
            IngestObserver.NONE);
    ingestor.ingest(bodies.get(0));
    RecordBatch first = store.last;
    ingestor.ingest(bodies.get(1));
    group = RecordBatch.concat(List.of(first, store.last));
    encoded = BatchCodec.encode(group);
  }

  /** A request thread: one body's JSON to records (plain SendTelemetries, 100 events). */
  @Benchmark
  public RecordBatch readRequest() {
    ingestor.ingest(bodies.get(next++ % bodies.size()));
    return store.last;
  }

  /** The group-commit writer: two requests' records to journal bytes. */
  @Benchmark
  public byte[] encodeTwoRequests() {
    return BatchCodec.encode(group);
  }

  /** The applier: two requests' journal bytes back to records. */
  @Benchmark
  public RecordBatch decodeTwoRequests() {
    return BatchCodec.decode(encoded, 0, encoded.length);
  }

  /** All three for one request's fresh records, as the server does them (strings hashed anew). */
  @Benchmark
  public RecordBatch readEncodeDecode() {
    byte[] journaled = BatchCodec.encode(readRequest());
    return BatchCodec.decode(journaled, 0, journaled.length);
  }

  /** Keeps the last appended batch; the benchmark never reads anything back. */
  private static final class LastBatch implements EventStore {
    volatile RecordBatch last;

    @Override
    public void append(RecordBatch batch) {
      last = batch;
    }

    @Override
    public void forEachEvent(Consumer<StoredEvent> sink) {}

    @Override
    public void forEachCliCommand(Consumer<StoredCliCommand> sink) {}

    @Override
    public void forEachError(Consumer<StoredError> sink) {}

    @Override
    public ErasureReport erase(String contextKey) {
      throw new UnsupportedOperationException("not in this benchmark");
    }

    @Override
    public long pruneOlderThan(RecordKind kind, Instant cutoff, int maxRecords) {
      return 0;
    }

    @Override
    public boolean isWritable() {
      return true;
    }

    @Override
    public void close() {}
  }
}
