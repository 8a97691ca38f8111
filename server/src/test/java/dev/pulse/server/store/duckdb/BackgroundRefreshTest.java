package dev.pulse.server.store.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schema.EventType;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.Records;
import dev.pulse.server.threads.BackgroundThreads;
import dev.pulse.server.threads.Nice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refresh on a background thread runs with one DuckDB thread (background work) and gives the
 * database its threads back; one on a request's thread runs with every thread, at its priority.
 */
class BackgroundRefreshTest {

  /** At most 15 characters: Linux keeps that much of a thread's name, and its new threads inherit it. */
  private static final String BACKGROUND = "pulse-bg-test";

  @TempDir Path dataDir;

  @Test
  void aRefreshLeavesTheDatabasesThreadCountAsItFoundIt() throws Exception {
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(Records.event("i-1", EventType.ACTIVE, 1))));
      String before = threads(store);

      assertThat(inBackground(() -> DuckDbAnalyticsSource.rollups(store).refresh())).isEqualTo(1);

      assertThat(threads(store)).isEqualTo(before);
    }
  }

  @Test
  void aRefreshOnARequestsThreadStartsTheWorkersABackgroundRefreshLoweredAgainAtItsPriority() throws Exception {
    Nice.assumeLinux();
    Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "DuckDB starts no worker on one core");
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(RecordBatch.ofEvents(List.of(Records.event("i-1", EventType.ACTIVE, 1))));
      inBackground(() -> DuckDbAnalyticsSource.rollups(store).refresh());
      assertThat(niceOfThreadsNamed(BACKGROUND)).as("DuckDB's workers, started by the background refresh")
          .isNotEmpty().containsOnly(BackgroundThreads.NICE);

      store.append(RecordBatch.ofEvents(List.of(Records.event("i-2", EventType.ACTIVE, 1))));
      assertThat(DuckDbAnalyticsSource.rollups(store).refresh()).isEqualTo(1);

      assertThat(niceOfThreadsNamed(BACKGROUND)).as("workers left at the background priority").isEmpty();
    }
  }

  private interface Work {
    long run() throws Exception;
  }

  /** Runs {@code work} on a background thread and returns its result once it ended. */
  private static long inBackground(Work work) throws Exception {
    long[] result = new long[1];
    Exception[] failure = new Exception[1];
    Thread thread = BackgroundThreads.newThread(() -> {
      try {
        result[0] = work.run();
      } catch (Exception e) {
        failure[0] = e;
      }
    }, BACKGROUND);
    thread.start();
    thread.join();
    if (failure[0] != null) {
      throw failure[0];
    }
    return result[0];
  }

  /** The nice values of this process's threads with that name (a Java thread's, or one its thread started). */
  private static List<Integer> niceOfThreadsNamed(String name) throws IOException {
    List<Integer> nice = new ArrayList<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          if (Files.readString(task.resolve("comm")).strip().equals(name)) {
            String stat = Files.readString(task.resolve("stat"));
            nice.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
          }
        } catch (NoSuchFileException ended) {
          // The thread ended meanwhile.
        }
      }
    }
    return nice;
  }

  private static String threads(DuckDbEventStore store) throws Exception {
    try (Connection connection = store.newConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT current_setting('threads')")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
