package dev.pulse.bench.store;

import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoredEvent;
import dev.pulse.server.store.postgres.PostgresEventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Why the PostgreSQL store writes with COPY: the same transactions of component events written with
 * {@code COPY ... FROM STDIN} and with multi-row {@code INSERT ... VALUES (..), (..)} (at most 1,000
 * rows a statement), single-threaded, into an embedded PostgreSQL. Prints events/s for each method
 * and transaction size.
 */
public final class PostgresWriteMethods {

  private static final String COLUMNS =
      "received_at, component_type, component_instance_id, context_key, version, cloud_client_id,"
          + " event_type, count, error";
  private static final int ROWS_PER_INSERT = 1_000;

  private interface Method {
    void write(Connection connection, List<StoredEvent> events) throws Exception;
  }

  private PostgresWriteMethods() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
        PostgresEventStore store =
            PostgresEventStore.open(
                new StoreLocation.Postgres(
                    "jdbc:postgresql://localhost:" + server.getPort() + "/postgres", "postgres", ""))) {
      for (int size : new int[] {100, 5_000}) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < size / StoreBenchmark.EVENTS_PER_BATCH; i++) {
          events.addAll(StoreBenchmark.batch(i, i).events());
        }
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT and the tables
          report("COPY", size, measure(store.dataSource(), events, PostgresWriteMethods::copy, seconds), round);
          report("INSERT", size, measure(store.dataSource(), events, PostgresWriteMethods::insert, seconds), round);
        }
      }
    }
  }

  private static void report(String method, int size, double eventsPerSecond, int round) {
    if (round > 0) {
      System.out.printf("%-7s %,6d events/transaction: %,10.0f events/s%n", method, size, eventsPerSecond);
    }
  }

  private static double measure(DataSource pool, List<StoredEvent> events, Method method, double seconds)
      throws Exception {
    long written = 0;
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    try (Connection connection = pool.getConnection()) {
      while (System.nanoTime() < deadline) {
        method.write(connection, events);
        connection.commit();
        written += events.size();
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("TRUNCATE component_events");
      }
      connection.commit();
    }
    return written / ((System.nanoTime() - start) / 1e9);
  }

  private static void copy(Connection connection, List<StoredEvent> events) throws Exception {
    StringBuilder rows = new StringBuilder(events.size() * 160);
    for (StoredEvent e : events) {
      rows.append(e.receivedAt()).append('\t').append(e.component().componentType()).append('\t')
          .append(e.component().componentInstanceId()).append('\t').append(e.component().contextId())
          .append('\t').append(e.component().version()).append('\t').append(e.component().cloudClientId())
          .append('\t').append(e.data().eventType()).append('\t').append(e.data().count()).append('\t')
          .append(e.data().error()).append('\n');
    }
    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
        "COPY component_events (" + COLUMNS + ") FROM STDIN",
        new ByteArrayInputStream(rows.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static void insert(Connection connection, List<StoredEvent> events) throws Exception {
    for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
      List<StoredEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
      StringBuilder sql = new StringBuilder("INSERT INTO component_events (" + COLUMNS + ") VALUES ");
      for (int i = 0; i < chunk.size(); i++) {
        sql.append(i == 0 ? "" : ",").append("(?::timestamptz,?,?,?,?,?,?,?,?)");
      }
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        int p = 1;
        for (StoredEvent e : chunk) {
          insert.setString(p++, e.receivedAt().toString());
          insert.setString(p++, e.component().componentType().name());
          insert.setString(p++, e.component().componentInstanceId());
          insert.setString(p++, e.component().contextId());
          insert.setString(p++, e.component().version());
          insert.setString(p++, e.component().cloudClientId());
          insert.setString(p++, e.data().eventType().name());
          insert.setInt(p++, e.data().count());
          insert.setString(p++, e.data().error());
        }
        insert.executeUpdate();
      }
    }
  }
}
