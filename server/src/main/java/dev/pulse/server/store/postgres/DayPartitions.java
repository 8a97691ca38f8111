package dev.pulse.server.store.postgres;

import dev.pulse.server.store.RecordBatch;
import dev.pulse.server.store.RecordKind;
import dev.pulse.server.store.StoredRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw tables' day partitions (migration V5): created ahead of time and for the days of the
 * batches written, and dropped whole by retention. Thread-safe: the days known to have partitions
 * are cached, and the database serializes creation ({@code pulse_day_partitions}).
 */
final class DayPartitions {

  /** Days after today whose partitions exist before any record of them arrives. */
  static final int DAYS_AHEAD = 7;

  /** Days the database function creates per call at most (pulse_day_partitions, migration V5). */
  static final int MAX_DAYS_PER_CALL = 400;

  /** How long creating a partition waits for the table lock before giving up. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(2);

  /** The first instant of year 1 and the first after year 9999: the days that get partitions lie between. */
  private static final Instant FIRST_PARTITIONED = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant PAST_PARTITIONED = Instant.parse("+10000-01-01T00:00:00Z");

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  /** Creating or dropping a partition takes the table's owner; a role that only writes gets this. */
  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final Logger LOG = LoggerFactory.getLogger(DayPartitions.class);

  private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();

  /** Creates the partitions from yesterday to {@value #DAYS_AHEAD} days ahead; returns how many were new. */
  int createAhead(Connection connection, Instant now) throws SQLException {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return create(connection, today.minusDays(1), today.plusDays(DAYS_AHEAD));
  }

  /**
   * The days of the batch's records that have no partition known to this object yet (usually none:
   * live records fall on days created ahead; imported ones may not). Days outside years 1 to 9999
   * get none: their records go to the default partition, whose COPY refuses what PostgreSQL cannot
   * hold as it would anywhere.
   */
  List<LocalDate> missingDays(RecordBatch batch) {
    Set<LocalDate> days = new TreeSet<>();
    Stream.of(batch.events(), batch.cliCommands(), batch.errors())
        .flatMap(List::stream)
        .map(StoredRecord::receivedAt)
        .filter(at -> !at.isBefore(FIRST_PARTITIONED) && at.isBefore(PAST_PARTITIONED)) // LocalDate ends before Instant
        .map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC))
        .filter(day -> !known.contains(day))
        .forEach(days::add);
    return new ArrayList<>(days);
  }

  /** The days, ascending, and the {@code following} days after the last of them (to year 9999). */
  static List<LocalDate> withFollowing(List<LocalDate> days, int following) {
    List<LocalDate> all = new ArrayList<>(days);
    if (!days.isEmpty()) {
      LocalDate last = days.get(days.size() - 1);
      for (int i = 1; i <= following && last.plusDays(i).getYear() <= 9999; i++) {
        all.add(last.plusDays(i));
      }
    }
    return all;
  }

  /**
   * Creates the partitions of the given days, in ascending order: one call per run of consecutive
   * days, of at most {@value #MAX_DAYS_PER_CALL} days.
   */
  void create(Connection connection, List<LocalDate> days) throws SQLException {
    LocalDate runStart = null;
    LocalDate previous = null;
    for (LocalDate day : days) {
      if (runStart != null && (!day.equals(previous.plusDays(1))
          || day.toEpochDay() - runStart.toEpochDay() >= MAX_DAYS_PER_CALL)) {
        create(connection, runStart, previous);
        runStart = null;
      }
      if (runStart == null) {
        runStart = day;
      }
      previous = day;
    }
    if (runStart != null) {
      create(connection, runStart, previous);
    }
  }

  /**
   * Creates the partitions of the days from .. to, waiting at most {@link #LOCK_WAIT} for the table
   * lock: a transaction that keeps a raw table in use (a long refresh, an open import) must not stall
   * every append queued behind the lock request. If the wait runs out, or the store's role does not
   * own the raw tables (it may only write them), those days' records go to the default partition
   * (retention deletes them row by row), and this object does not try them again.
   */
  private int create(Connection connection, LocalDate from, LocalDate to) throws SQLException {
    int created = 0;
    try (Statement settings = connection.createStatement();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT pulse_day_partitions(?, CAST(? AS DATE), CAST(? AS DATE))")) {
      settings.execute("SET LOCAL lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'");
      for (RecordKind kind : RecordKind.values()) {
        statement.setString(1, kind.table());
        statement.setString(2, from.toString());
        statement.setString(3, to.toString());
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          created += rows.getInt(1);
        }
      }
      connection.commit();
    } catch (SQLException e) {
      String why = switch (String.valueOf(e.getSQLState())) {
        case LOCK_NOT_AVAILABLE -> "the raw tables stayed in use for " + LOCK_WAIT.toMillis() + " ms";
        case INSUFFICIENT_PRIVILEGE -> "the store's role does not own the raw tables (docs/storage.md)";
        default -> throw e;
      };
      connection.rollback();
      LOG.warn("day partitions {} .. {} not created: {}; their records go to the default partitions, which"
          + " retention prunes row by row", from, to, why);
    }
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      known.add(day);
    }
    return created;
  }

  /**
   * Retention of one raw table: creates the partitions ahead of {@code now}, drops the day partitions
   * that end at or before {@code cutoff} whole, then deletes at most {@code maxRecords} of the records
   * before the cutoff left (in the cutoff's own day, or in the default partition). Only records the
   * rollups hold go ({@link SnapshotWatermark#folded}): a day with one not yet folded is kept
   * whole and pruned row by row instead. Returns how many records went, which exceeds {@code
   * maxRecords} when whole days were dropped. Takes the rollup lock ({@link SnapshotWatermark#lockRollups})
   * until the caller commits, so that servers sharing the database prune one after the other.
   */
  long prune(Connection connection, RecordKind kind, Instant cutoff, int maxRecords, Instant now)
      throws SQLException {
    createAhead(connection, now); // commits: the lock below must come after it
    String folded;
    try (Statement statement = connection.createStatement()) {
      // One pruner at a time in a database, or two servers list one partition and both drop it.
      SnapshotWatermark.lockRollups(statement);
      folded = new SnapshotWatermark().folded(statement);
    }
    long dropped = dropBefore(connection, kind, cutoff, folded);
    // A bounded DELETE by key (a ctid is unique only within one partition).
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + kind.table()
        + " WHERE (seq, received_at) IN (SELECT seq, received_at FROM " + kind.table()
        + " WHERE received_at < ? AND " + folded + " LIMIT ?)")) {
      delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
      delete.setInt(2, maxRecords);
      return dropped + delete.executeUpdate();
    }
  }

  private long dropBefore(Connection connection, RecordKind kind, Instant cutoff, String folded)
      throws SQLException {
    LocalDate lastWhole = LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1);
    String prefix = kind.table() + "_d";
    List<String> droppable = new ArrayList<>();
    try (PreparedStatement partitions = connection.prepareStatement(
        // Only the partitions this role may drop (their owner's); the others are pruned row by row.
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            + " WHERE i.inhparent = CAST(? AS regclass) AND pg_has_role(c.relowner, 'USAGE')"
            + " ORDER BY c.relname")) {
      partitions.setString(1, kind.table());
      try (ResultSet rows = partitions.executeQuery()) {
        while (rows.next()) {
          String name = rows.getString(1);
          if (name.matches(prefix + "[0-9]{8}") && !day(name, prefix).isAfter(lastWhole)) {
            droppable.add(name);
          }
        }
      }
    }
    long dropped = 0;
    try (Statement statement = connection.createStatement()) {
      for (String name : droppable) {
        long rowsIn;
        long unfolded;
        try (ResultSet rows = statement.executeQuery(
            "SELECT count(*), count(*) FILTER (WHERE NOT " + folded + ") FROM " + name)) {
          rows.next();
          rowsIn = rows.getLong(1);
          unfolded = rows.getLong(2);
        }
        if (unfolded > 0) {
          continue; // written meanwhile (an import of old records): the row-by-row delete takes it later
        }
        dropped += rowsIn;
        statement.execute("DROP TABLE " + name);
        known.remove(day(name, prefix));
      }
    }
    return dropped;
  }

  private static LocalDate day(String partition, String prefix) {
    return LocalDate.parse(partition.substring(prefix.length()), DateTimeFormatter.BASIC_ISO_DATE);
  }
}
