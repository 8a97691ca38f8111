package dev.pulse.server.store.duckdb;

import static dev.pulse.server.store.Records.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schema.EventType;
import dev.pulse.server.TestServer;
import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.StoreException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir moved, deleted or replaced while the server runs (an operator's {@code mv}, {@code rm -rf},
 * a cleaner of old files): the open files are still written, but no restart would find what goes into
 * them, so nothing more is acknowledged, and nothing acknowledged before is lost.
 */
class MovedDataDirTest {

  @TempDir Path tmp;

  @Test
  void aServerWhoseDataDirWasMovedRefusesReportsKeepsAnsweringAndLosesNothingAcknowledged() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path moved = tmp.resolve("moved");
    List<String> acknowledged = new ArrayList<>();
    try (TestServer server = TestServer.start(dataDir)) {
      for (int i = 1; i <= 3; i++) {
        assertThat(server.postTelemetry(report("v3.0." + i)).statusCode()).isEqualTo(200);
        acknowledged.add("v3.0." + i);
      }
      Files.move(dataDir, moved);

      HttpResponse<String> refused = server.postTelemetry(report("v9.9.9"));
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("STORE_UNAVAILABLE", "nothing of this request was kept");
      assertThat(server.postTelemetry(report("v9.9.8")).statusCode()).isEqualTo(503);
      assertThat(server.get("/healthz", null).statusCode()).isEqualTo(200);
      assertThat(server.server().store().isWritable()).isFalse();
    }
    Files.move(moved, dataDir);
    try (TestServer server = TestServer.start(dataDir)) {
      assertThat(server.events()).extracting(e -> e.component().version())
          .containsExactlyInAnyOrder(twice(acknowledged));
      assertThat(server.postTelemetry(report("v4.0.0")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anAppendAfterTheDataDirWasMovedIsRefusedWithWhatHappenedAndWhatToDo() throws Exception {
    Path dataDir = tmp.resolve("data");
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(batch("before"));
      Files.move(dataDir, tmp.resolve("moved"));

      assertThatThrownBy(() -> store.append(batch("after")))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith(dataDir.resolve(DuckDbEventStore.JOURNAL_DIR).toString())
          .hasMessageContaining("was moved or deleted while the server ran: nothing more is acknowledged")
          .hasMessageContaining("Put the data dir's files back where they were and restart the server");
      assertThatThrownBy(() -> store.append(batch("later"))).isInstanceOf(StoreException.class);
      assertThat(store.isWritable()).isFalse();
    }
  }

  @Test
  void anAppendAfterTheDatabaseFileWasDeletedIsRefused() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path file = dataDir.resolve(DuckDbEventStore.FILE_NAME).toAbsolutePath();
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(batch("before"));
      Files.delete(file);

      assertThatThrownBy(() -> store.append(batch("after")))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith(file + " was moved or deleted while the server ran");
    }
  }

  @Test
  void anAppendAfterTheDatabaseFileWasReplacedByAnotherIsRefused() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path file = dataDir.resolve(DuckDbEventStore.FILE_NAME).toAbsolutePath();
    Path other = Files.writeString(tmp.resolve("other.duckdb"), "another store");
    try (DuckDbEventStore store = DuckDbEventStore.open(dataDir)) {
      store.append(batch("before"));
      Files.move(other, file, StandardCopyOption.REPLACE_EXISTING);

      assertThatThrownBy(() -> store.append(batch("after")))
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith(file + " was replaced by another file while the server ran");
    }
  }

  private static RecordBatch batch(String instance) {
    return RecordBatch.ofEvents(List.of(event(instance, EventType.ACTIVE, 1)));
  }

  /** The operator's two-event report (STARTED, ACTIVE), of {@code version}. */
  private static String report(String version) {
    return TestServer.resource("/conformance/01-operator-started.json").replace("v3.0.2", version);
  }

  private static String[] twice(List<String> versions) {
    return versions.stream().flatMap(v -> Stream.of(v, v)).toArray(String[]::new);
  }
}
