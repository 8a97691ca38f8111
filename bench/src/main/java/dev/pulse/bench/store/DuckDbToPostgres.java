package dev.pulse.bench.store;

import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.postgres.PostgresEventStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Copies the raw records of a DuckDB store (e.g. the generated 100,000-install data set) into a
 * PostgreSQL database, so that the analytics benchmarks can run on PostgreSQL with the same data. It
 * creates the schema through the PostgreSQL store's own migrations, then for each raw table writes a
 * CSV file with DuckDB's {@code COPY ... TO} (the DuckDB file is opened read-only), loads it with
 * PostgreSQL's {@code COPY ... FROM STDIN}, keeping {@code seq}, and deletes the file. Finally it moves
 * {@code record_seq} past the largest seq, runs {@code ANALYZE} and checks the row counts.
 *
 * <pre>
 * java -cp "bench/target/classes:$(cat /tmp/bench-cp.txt)" dev.pulse.bench.store.DuckDbToPostgres \
 *     /tmp/bench-big/data/pulse.duckdb 'jdbc:postgresql://127.0.0.1:5433/pulse_big' pulse PASSWORD [csv-dir=/tmp]
 * </pre>
 *
 * The target tables must be empty. Times: DuckDB's naive received_at holds UTC, and the PostgreSQL
 * session runs in UTC, so the timestamptz values are the same instants.
 *
 * <p>With a last argument {@code rollups}, it copies the rollup tables instead (same columns in the same
 * order in both stores) and marks every raw record already in the database as folded in: for timing the
 * analyses on PostgreSQL when building the rollups there would take longer than the run has (the first
 * refresh of 72 M records needs tens of GB of temporary space in PostgreSQL; see docs/performance.md).
 * The DuckDB file's rollups must be built from the same raw records.
 */
public final class DuckDbToPostgres {

  /** Each raw table and its columns, in the PostgreSQL table's order. */
  private static final Map<String, String> TABLES =
      Map.of(
          "component_events",
          "seq, received_at, component_type, component_instance_id, context_key, version, cloud_client_id,"
              + " event_type, count, error",
          "cli_commands",
          "seq, received_at, context_key, version, cloud_client_id, noun, verb, modifiers",
          "error_reports",
          "seq, received_at, component_type, component_instance_id, context_key, version, cloud_client_id,"
              + " fingerprint, error_class, message, error_json");

  private static final String[] ROLLUP_TABLES = {
    "rollup_install_day", "rollup_feature_day", "rollup_cli_day", "rollup_error_day", "rollup_error_sample",
    "rollup_install_presence", "rollup_component_presence"
  };

  private DuckDbToPostgres() {}

  public static void main(String[] args) throws Exception {
    Path duckDbFile = Path.of(args[0]);
    StoreLocation.Postgres target = new StoreLocation.Postgres(args[1], args[2], args[3]);
    Path csvDir = Path.of(args.length > 4 && args[4].startsWith("csv-dir=") ? args[4].substring(8) : "/tmp");
    boolean rollups = args[args.length - 1].equals("rollups");
    PostgresEventStore.open(target).close(); // creates or migrates the schema
    if (rollups) {
      copyRollups(duckDbFile, target, csvDir);
      return;
    }

    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    long start = System.nanoTime();
    long maxSeq = 0;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckDbFile, readOnly);
        Connection pg = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement duckStatement = duck.createStatement();
        Statement pgStatement = pg.createStatement()) {
      pgStatement.execute("SET TIME ZONE 'UTC'");
      for (Map.Entry<String, String> table : TABLES.entrySet()) {
        String name = table.getKey();
        String columns = table.getValue();
        if (count(pgStatement, name) != 0) {
          throw new IllegalStateException(name + " is not empty in the target database");
        }
        long tableStart = System.nanoTime();
        Path csv = csvDir.resolve("duckdb-to-postgres-" + name + ".csv");
        // Table order, which is seq order (the store appends in seq order; DuckDB's COPY keeps insertion
        // order): an ORDER BY seq would sort tens of millions of rows for nothing. The seq correlation
        // printed at the end checks it. Every value quoted: PostgreSQL's csv format reads an unquoted
        // empty field as NULL.
        duckStatement.execute(
            "COPY (SELECT " + columns + " FROM " + name + ") TO '" + csv
                + "' (FORMAT csv, HEADER false, QUOTE '\"', ESCAPE '\"', FORCE_QUOTE *)");
        double exported = (System.nanoTime() - tableStart) / 1e9;
        long loaded;
        try (InputStream in = Files.newInputStream(csv)) {
          loaded =
              pg.unwrap(PGConnection.class)
                  .getCopyAPI()
                  .copyIn("COPY " + name + " (" + columns + ") FROM STDIN WITH (FORMAT csv)", in, 1 << 20);
        } finally {
          Files.deleteIfExists(csv);
        }
        long expected = count(duckStatement, name);
        long stored = count(pgStatement, name);
        System.out.printf(
            "%-16s duckdb=%,d copied=%,d postgres=%,d %s  export %.0f s, total %.0f s%n",
            name, expected, loaded, stored, expected == stored ? "OK" : "MISMATCH",
            exported, (System.nanoTime() - tableStart) / 1e9);
        maxSeq = Math.max(maxSeq, single(duckStatement, "SELECT coalesce(max(seq), 0) FROM " + name));
      }
      if (maxSeq > 0) {
        pgStatement.execute("SELECT setval('record_seq', " + maxSeq + ")");
      }
      long analyzeStart = System.nanoTime();
      pgStatement.execute("ANALYZE");
      System.out.printf(
          "record_seq set to %,d; ANALYZE %.0f s; total %.0f s%n",
          maxSeq, (System.nanoTime() - analyzeStart) / 1e9, (System.nanoTime() - start) / 1e9);
      try (ResultSet rows =
          pgStatement.executeQuery(
              "SELECT tablename, correlation FROM pg_stats WHERE attname = 'seq' AND tablename IN ("
                  + "'component_events', 'cli_commands', 'error_reports')")) {
        while (rows.next()) { // 1.0: the rows lie on disk in seq order
          System.out.printf("%-16s seq correlation %.4f%n", rows.getString(1), rows.getDouble(2));
        }
      }
    }
  }

  private static void copyRollups(Path duckDbFile, StoreLocation.Postgres target, Path csvDir) throws Exception {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + duckDbFile, readOnly);
        Connection pg = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        Statement duckStatement = duck.createStatement();
        Statement pgStatement = pg.createStatement()) {
      pgStatement.execute("SET TIME ZONE 'UTC'");
      for (String name : ROLLUP_TABLES) {
        long start = System.nanoTime();
        pgStatement.execute("TRUNCATE " + name);
        Path csv = csvDir.resolve("duckdb-to-postgres-" + name + ".csv");
        duckStatement.execute("COPY (SELECT * FROM " + name + ") TO '" + csv
            + "' (FORMAT csv, HEADER false, QUOTE '\"', ESCAPE '\"', FORCE_QUOTE *)");
        try (InputStream in = Files.newInputStream(csv)) {
          // FORCE_QUOTE writes NULL dates unquoted and empty, which PostgreSQL's csv format reads as NULL.
          pg.unwrap(PGConnection.class).getCopyAPI()
              .copyIn("COPY " + name + " FROM STDIN WITH (FORMAT csv)", in, 1 << 20);
        } finally {
          Files.deleteIfExists(csv);
        }
        long expected = count(duckStatement, name);
        long stored = count(pgStatement, name);
        System.out.printf("%-26s duckdb=%,d postgres=%,d %s  %.0f s%n", name, expected, stored,
            expected == stored ? "OK" : "MISMATCH", (System.nanoTime() - start) / 1e9);
      }
      pgStatement.execute("UPDATE rollup_state SET value = CAST(CAST(pg_snapshot_xmin(pg_current_snapshot())"
          + " AS text) AS bigint) WHERE name = 'watermark_xid'");
      pgStatement.execute("ANALYZE");
    }
  }

  private static long count(Statement statement, String table) throws Exception {
    return single(statement, "SELECT count(*) FROM " + table);
  }

  private static long single(Statement statement, String sql) throws Exception {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
