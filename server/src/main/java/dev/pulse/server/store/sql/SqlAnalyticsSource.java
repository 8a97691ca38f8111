package dev.pulse.server.store.sql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.server.analytics.AnalyticsQuery;
import dev.pulse.server.analytics.AnalyticsSource;
import dev.pulse.server.analytics.Breakdown;
import dev.pulse.server.analytics.LifecycleRow;
import dev.pulse.server.analytics.Period;
import dev.pulse.server.store.DiskFullException;
import dev.pulse.server.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The analytics port over a relational store (DuckDB or PostgreSQL): answers from the daily rollup
 * tables ({@link #rollups}), or, to measure and to cross-check them, from the same derivations applied
 * to the raw tables ({@link #rawScan}). Each query runs on its own connection. Thread-safe.
 */
public final class SqlAnalyticsSource implements AnalyticsSource {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Supplier<Connection> queries;
  private final Dialect dialect;
  private final RollupSql.Relations relations;
  private final RollupRefresh rollups;
  private final boolean maintainsRollups;
  private final BiFunction<String, Exception, StoreException> failures;

  private SqlAnalyticsSource(Supplier<Connection> refreshes, Supplier<Connection> queries, Dialect dialect,
      Watermark watermark, boolean maintainsRollups, BiFunction<String, Exception, StoreException> failures) {
    RollupSql sql = new RollupSql(dialect);
    this.queries = queries;
    this.dialect = dialect;
    this.relations = maintainsRollups ? RollupSql.Relations.rollups(sql) : RollupSql.Relations.raw(sql);
    this.rollups = new RollupRefresh(refreshes, sql, watermark, failures);
    this.maintainsRollups = maintainsRollups;
    this.failures = failures;
  }

  /** A failure of {@code what} in the database's own words. */
  private static StoreException plain(String what, Exception failure) {
    return new StoreException(what + " failed: " + failure.getMessage(), failure);
  }

  /**
   * Answers from the rollup tables, which {@link #refresh} keeps up to date.
   *
   * @param connections a new connection to the store per call (closed by the caller)
   * @param watermark how the store marks what the rollups hold
   */
  public static SqlAnalyticsSource rollups(Supplier<Connection> connections, Dialect dialect, Watermark watermark) {
    return rollups(connections, connections, dialect, watermark);
  }

  /**
   * Answers from the rollup tables, with connections of two kinds: a refresh's must see every raw
   * record acknowledged before it (a store that applies acknowledged records later waits for them
   * there), while a query reads only the rollups, which nothing but a refresh changes, so its
   * connection need not wait. An analysis that refreshes first thus waits once, not once per query.
   *
   * @param refreshes a new connection per refresh that sees every record acknowledged before it
   * @param queries a new connection per query, which may see fewer raw records (the caller closes both)
   * @param watermark how the store marks what the rollups hold
   */
  public static SqlAnalyticsSource rollups(Supplier<Connection> refreshes, Supplier<Connection> queries,
      Dialect dialect, Watermark watermark) {
    return new SqlAnalyticsSource(refreshes, queries, dialect, watermark, true, SqlAnalyticsSource::plain);
  }

  /**
   * As {@link #rollups(Supplier, Supplier, Dialect, Watermark)}, for a store whose files are in
   * {@code dataDir}: a refresh that fails on its full disk is a {@link DiskFullException} naming it.
   */
  public static SqlAnalyticsSource rollups(Supplier<Connection> refreshes, Supplier<Connection> queries,
      Dialect dialect, Watermark watermark, Path dataDir) {
    return new SqlAnalyticsSource(refreshes, queries, dialect, watermark, true,
        (what, e) -> DiskFullException.of(what, dataDir, e));
  }

  /**
   * As {@link #rollups(Supplier, Dialect, Watermark)}, telling a failed refresh or query by {@code
   * failures} (of what failed, and why): a store adapter that knows its database's full disk names it so.
   */
  public static SqlAnalyticsSource rollups(Supplier<Connection> connections, Dialect dialect, Watermark watermark,
      BiFunction<String, Exception, StoreException> failures) {
    return new SqlAnalyticsSource(connections, connections, dialect, watermark, true, failures);
  }

  /**
   * Answers by scanning the raw tables (slow; for comparison and tests). Only the raw records still
   * kept count; {@link #refresh} does nothing. The parameters are those of {@link #rollups}.
   */
  public static SqlAnalyticsSource rawScan(Supplier<Connection> connections, Dialect dialect, Watermark watermark) {
    return new SqlAnalyticsSource(connections, connections, dialect, watermark, false, SqlAnalyticsSource::plain);
  }

  @Override
  public long refresh() {
    return maintainsRollups ? rollups.refresh() : 0;
  }

  @Override
  public Optional<LocalDate> lastDay() {
    List<LocalDate> days = query(AnalysisSql.lastDay(), rows -> rows.getString(1) == null ? null : date(rows, 1));
    return days.isEmpty() ? Optional.empty() : Optional.ofNullable(days.get(0));
  }

  @Override
  public List<CoverageChange> activeCoverage(AnalyticsQuery query, Breakdown by) {
    return query(AnalysisSql.activeCoverage(query, by),
        rows -> new CoverageChange(rows.getString(1), date(rows, 2), rows.getLong(3), rows.getLong(4),
            rows.getLong(5)));
  }

  @Override
  public List<DayCount> firstDays(AnalyticsQuery query) {
    return query(AnalysisSql.firstDays(query), rows -> new DayCount(date(rows, 1), rows.getLong(2)));
  }

  @Override
  public List<CohortCount> cohorts(AnalyticsQuery query) {
    return query(AnalysisSql.cohorts(query),
        rows -> new CohortCount(date(rows, 1), rows.getInt(2), rows.getLong(3)));
  }

  @Override
  public List<VersionCount> versionCounts(AnalyticsQuery query) {
    return query(AnalysisSql.versionCounts(query),
        rows -> new VersionCount(date(rows, 1), rows.getString(2), rows.getLong(3)));
  }

  @Override
  public List<FeatureStats> features(AnalyticsQuery query) {
    return query(AnalysisSql.features(dialect, query),
        rows -> new FeatureStats(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
            rows.getDouble(5), rows.getDouble(6), rows.getLong(7)));
  }

  @Override
  public List<CliUsage> cliUsage(AnalyticsQuery query) {
    return query(AnalysisSql.cliUsage(dialect, query),
        rows -> new CliUsage(rows.getString(1), rows.getString(2), strings(rows.getString(3)),
            rows.getString(4), rows.getLong(5), rows.getLong(6)));
  }

  @Override
  public List<ErrorGroup> errorGroups(AnalyticsQuery query, Optional<String> fingerprint) {
    return query(AnalysisSql.errorGroups(dialect, query, fingerprint.orElse(null)),
        rows -> new ErrorGroup(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
            rows.getLong(5), Arrays.asList(rows.getString(6).split(",")), EpochMicros.toInstant(rows.getLong(7)),
            EpochMicros.toInstant(rows.getLong(8))));
  }

  @Override
  public Optional<String> errorSample(String fingerprint) {
    List<String> samples = query(ErrorTrendSql.sample(fingerprint), rows -> rows.getString(1));
    return samples.stream().findFirst();
  }

  @Override
  public List<ErrorDay> errorDays(AnalyticsQuery query, String fingerprint) {
    return query(ErrorTrendSql.days(dialect, query, fingerprint),
        rows -> new ErrorDay(date(rows, 1), rows.getLong(2), rows.getLong(3)));
  }

  @Override
  public List<ErrorVersion> errorVersions(AnalyticsQuery query, String fingerprint) {
    return query(ErrorTrendSql.versions(dialect, query, fingerprint), rows -> new ErrorVersion(rows.getString(1),
        rows.getLong(2), rows.getLong(3), rows.getLong(4), date(rows, 5), date(rows, 6)));
  }

  @Override
  public List<VersionFirstDay> versionFirstDays(AnalyticsQuery query) {
    return query(AnalysisSql.versionFirstDays(query), rows -> new VersionFirstDay(rows.getString(1), date(rows, 2)));
  }

  @Override
  public List<LifecycleCount> lifecycle(AnalyticsQuery query, Period period) {
    return query(LifecycleSql.lifecycle(query, period), rows -> new LifecycleCount(date(rows, 1),
        LifecycleRow.Category.valueOf(rows.getString(2).toUpperCase(Locale.ROOT)), rows.getLong(3)));
  }

  @Override
  public List<ActiveDaysCount> stickiness(AnalyticsQuery query, Period period) {
    return query(LifecycleSql.stickiness(query, period),
        rows -> new ActiveDaysCount(date(rows, 1), rows.getInt(2), rows.getLong(3)));
  }

  private interface RowMapper<T> {
    T map(ResultSet rows) throws SQLException;
  }

  private <T> List<T> query(AnalysisSql.Statement statement, RowMapper<T> mapper) {
    String sql = relations.bind(statement.sql());
    try (Connection connection = queries.get();
        PreparedStatement prepared = connection.prepareStatement(sql)) {
      for (int i = 0; i < statement.parameters().size(); i++) {
        prepared.setString(i + 1, statement.parameters().get(i));
      }
      List<T> result = new ArrayList<>();
      try (ResultSet rows = prepared.executeQuery()) {
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
      }
      if (!connection.getAutoCommit()) {
        connection.rollback();
      }
      return result;
    } catch (SQLException e) {
      throw failures.apply("analytics query", e);
    }
  }

  private static LocalDate date(ResultSet rows, int column) throws SQLException {
    return LocalDate.parse(rows.getString(column));
  }

  private static List<String> strings(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (IOException e) {
      throw new StoreException("stored modifiers are not a JSON array: " + json, e);
    }
  }
}
