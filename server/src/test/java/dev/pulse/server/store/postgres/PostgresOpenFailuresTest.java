package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.TestServer;
import dev.pulse.server.store.StoreException;
import dev.pulse.server.store.StoreLocation;
import dev.pulse.server.store.StoreSettingsException;
import dev.pulse.server.store.StoreUnavailableException;
import dev.pulse.server.store.Fixture;
import dev.pulse.server.store.ReadBack;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A store URL PostgreSQL refuses is told by what to change in it, as a settings mistake that retrying
 * cannot mend; nothing listening is told as such, and may pass. A role that must give its password
 * (a line of {@code pg_hba.conf} for it alone, ahead of the embedded server's {@code trust}) checks the
 * password cases.
 */
@ResourceLock(EmbeddedPostgresServer.LOCK)
class PostgresOpenFailuresTest {

  private static final String ROLE = "pulse_with_password";
  private static Path hbaFile;
  private static List<String> hbaBefore;
  private static StoreLocation.Postgres database;

  @BeforeAll
  static void aRoleThatMustGiveItsPassword() throws Exception {
    database = EmbeddedPostgresServer.newDatabase();
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD 'right'");
      try (ResultSet hba = statement.executeQuery("SHOW hba_file")) {
        hba.next();
        hbaFile = Path.of(hba.getString(1));
      }
      hbaBefore = Files.readAllLines(hbaFile);
      List<String> lines = new ArrayList<>(List.of(
          "host all " + ROLE + " 127.0.0.1/32 scram-sha-256", "host all " + ROLE + " ::1/128 scram-sha-256"));
      lines.addAll(hbaBefore);
      Files.write(hbaFile, lines);
      statement.execute("SELECT pg_reload_conf()");
    }
  }

  @AfterAll
  static void trustAsBefore() throws Exception {
    Files.write(hbaFile, hbaBefore);
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute("SELECT pg_reload_conf()");
      statement.execute("DROP ROLE " + ROLE);
    }
  }

  @Test
  void aDatabaseThatDoesNotExistIsNamedWithHowToCreateIt() {
    String url = database.jdbcUrl();
    StoreLocation.Postgres missing =
        new StoreLocation.Postgres(url.substring(0, url.lastIndexOf('/')) + "/no_such_db", "postgres", "");

    assertRefusedAtOpen(missing, "the database no_such_db does not exist: create it"
        + " (CREATE DATABASE no_such_db) or give the store URL one that does");
  }

  @Test
  void aWrongPasswordIsToldAsTheRolesPasswordNotPostgresqlsWords() {
    StoreLocation.Postgres wrong = new StoreLocation.Postgres(database.jdbcUrl(), ROLE, "wrong");

    assertRefusedAtOpen(wrong, "PostgreSQL refused the password of the role " + ROLE
        + ": give the store URL that role's password (postgresql://host/database?user=..&password=..)");
  }

  @Test
  void noPasswordWherePostgresqlAsksOneIsToldAsMissing() {
    StoreLocation.Postgres none = new StoreLocation.Postgres(database.jdbcUrl(), ROLE, "");

    assertRefusedAtOpen(none, "PostgreSQL asks a password of the role " + ROLE
        + " and the store URL gives none: add it (postgresql://host/database?user=..&password=..)");
  }

  @Test
  void aRoleThatDoesNotExistIsToldWithPostgresqlsReasonWithoutItsSeverity() {
    StoreLocation.Postgres nobody = new StoreLocation.Postgres(database.jdbcUrl(), "nobody_here", "");

    assertRefusedAtOpen(nobody, "PostgreSQL refused the login (role \"nobody_here\""
        + " does not exist): give the store URL a role it lets in from this host"
        + " (postgresql://host/database?user=..&password=..)");
  }

  @Test
  void aPasswordChangedUnderAnOpenStoreRefusesWritesAsItsLoginAndTheyResumeOnceItIsGivenBack() throws Exception {
    StoreLocation.Postgres fresh = EmbeddedPostgresServer.newDatabase();
    StoreLocation.Postgres own = new StoreLocation.Postgres(fresh.jdbcUrl(), ROLE, "right");
    try (PostgresEventStore store = PostgresEventStore.open(own);
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      store.append(Fixture.twoInstalls("ctx-before", "ctx-before-2"));

      statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'rotated'");
      statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");
      // The first write may meet a connection the termination cut; the next ones need a new login.
      StoreException refused = null;
      for (int attempt = 0; attempt < 5 && (refused == null || !refused.getMessage().contains("login")); attempt++) {
        try {
          store.append(Fixture.twoInstalls("ctx-during-" + attempt, "ctx-during-x" + attempt));
        } catch (StoreException e) {
          refused = e;
        }
      }

      assertThat(refused).isInstanceOf(StoreUnavailableException.class);
      assertThat(refused.getMessage()).contains("PostgreSQL refuses this server's login (password authentication"
          + " failed for user \"" + ROLE + "\"): give the store URL the role's current password, or a role and"
          + " database it lets in").doesNotContain("FATAL", "Connection is not available");

      statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'right'");
      store.append(Fixture.twoInstalls("ctx-after", "ctx-after-2"));
      assertThat(ReadBack.events(store)).extracting(e -> e.component().contextId())
          .contains("ctx-before", "ctx-after");
    } finally {
      try (Connection admin = EmbeddedPostgresServer.adminConnection(fresh);
          Statement statement = admin.createStatement()) {
        statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'right'");
        statement.execute("DROP OWNED BY " + ROLE); // its store's tables, so that the role can be dropped
      }
    }
  }

  @Test
  void aReaderWhilePostgresqlRefusesTheLoginIsToldItsOperatorMustMendItNotToRetry(@TempDir Path dataDir)
      throws Exception {
    StoreLocation.Postgres fresh = EmbeddedPostgresServer.newDatabase();
    StoreLocation.Postgres own = new StoreLocation.Postgres(fresh.jdbcUrl(), ROLE, "right");
    try (TestServer server = TestServer.start(dataDir, config -> config.store(own));
        Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'rotated'");
      statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + ROLE + "'");
      // The first read may meet a connection the termination cut; the next ones need a new login.
      HttpResponse<String> refused = null;
      for (int attempt = 0; attempt < 5 && (refused == null || !refused.body().contains("login")); attempt++) {
        refused = server.get("/api/v1/versions", TestServer.ADMIN_TOKEN);
      }

      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.body()).contains("STORE_UNAVAILABLE", "the store cannot answer now: PostgreSQL refuses this"
          + " server's login, which waiting will not mend: the server's operator must mend its store URL or the"
          + " database's access").doesNotContain("retry later", "may be down", "password authentication");

      statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'right'");
      assertThat(server.get("/api/v1/versions", TestServer.ADMIN_TOKEN).statusCode()).isEqualTo(200);
    } finally {
      try (Connection admin = EmbeddedPostgresServer.adminConnection(fresh);
          Statement statement = admin.createStatement()) {
        statement.execute("ALTER ROLE " + ROLE + " PASSWORD 'right'");
        statement.execute("DROP OWNED BY " + ROLE);
      }
    }
  }

  /** Opening the store at {@code location} fails as a mistake in its settings, saying {@code why}. */
  private static void assertRefusedAtOpen(StoreLocation.Postgres location, String why) {
    assertThatThrownBy(() -> PostgresEventStore.open(location))
        .isInstanceOf(StoreSettingsException.class)
        .hasMessage("cannot open the store, " + location + ": " + why);
  }

  @Test
  void nothingListeningIsToldAsSuchAndAsAnOutageThatMayPass() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    StoreLocation.Postgres down = new StoreLocation.Postgres("jdbc:postgresql://127.0.0.1:" + port + "/pulse", "postgres", "");

    assertThatThrownBy(() -> PostgresEventStore.open(down))
        .isExactlyInstanceOf(StoreUnavailableException.class)
        .hasMessage("cannot open the store, " + down + ": nothing accepts connections there (connection refused):"
        + " start PostgreSQL, or give the store URL the host and port it listens on");
  }

  @Test
  void everyConnectionTakenIsAnOutageThatMayPassNotASettingsMistake() throws Exception {
    StoreLocation.Postgres fresh = EmbeddedPostgresServer.newDatabase();
    String name = fresh.databaseName();
    try (Connection admin = EmbeddedPostgresServer.adminConnection(database);
        Statement statement = admin.createStatement()) {
      // As if others held every connection; a superuser is exempt from the limit, so another role.
      statement.execute("ALTER DATABASE " + name + " CONNECTION LIMIT 0");
    }
    StoreLocation.Postgres full = new StoreLocation.Postgres(fresh.jdbcUrl(), ROLE, "right");

    assertThatThrownBy(() -> PostgresEventStore.open(full))
        .isExactlyInstanceOf(StoreUnavailableException.class)
        .hasMessage("cannot open the store, " + full + ": PostgreSQL has no connection to spare (too many connections"
            + " for database \"" + name + "\"): try again once others have closed, or raise its max_connections or"
            + " the role's CONNECTION LIMIT");
  }
}
