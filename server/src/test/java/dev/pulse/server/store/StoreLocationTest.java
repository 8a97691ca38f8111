package dev.pulse.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreLocationTest {

  private static final Path DATA_DIR = Path.of("/var/lib/pulse");

  @Test
  void absentOrBlankMeansDuckDbInTheDataDir() {
    assertThat(StoreLocation.parse(null, DATA_DIR)).isEqualTo(new StoreLocation.DuckDb(DATA_DIR));
    assertThat(StoreLocation.parse("  ", DATA_DIR)).isEqualTo(new StoreLocation.DuckDb(DATA_DIR));
  }

  @Test
  void duckDbSchemeNamesAnotherDirectory() {
    assertThat(StoreLocation.parse("duckdb:/srv/pulse", DATA_DIR))
        .isEqualTo(new StoreLocation.DuckDb(Path.of("/srv/pulse")));
    assertThat(StoreLocation.parse("duckdb:", DATA_DIR)).isEqualTo(new StoreLocation.DuckDb(DATA_DIR));
  }

  @Test
  void postgresqlUrlTakesCredentialsFromTheQuery() {
    assertThat(StoreLocation.parse("postgresql://db.internal:5432/pulse?user=u&password=p", DATA_DIR))
        .isEqualTo(new StoreLocation.Postgres("jdbc:postgresql://db.internal:5432/pulse", "u", "p"));
  }

  @Test
  void postgresqlUrlTakesCredentialsFromTheUserInfoAndKeepsDriverOptions() {
    assertThat(StoreLocation.parse("postgres://u:p%40ss@db/pulse?sslmode=require", DATA_DIR))
        .isEqualTo(new StoreLocation.Postgres("jdbc:postgresql://db/pulse?sslmode=require", "u", "p@ss"));
  }

  @Test
  void jdbcUrlIsAcceptedAsIs() {
    assertThat(StoreLocation.parse("jdbc:postgresql://h1:5432,h2:5432/pulse?user=u&targetServerType=primary", DATA_DIR))
        .isEqualTo(
            new StoreLocation.Postgres("jdbc:postgresql://h1:5432,h2:5432/pulse?targetServerType=primary", "u", ""));
  }

  @Test
  void describingALocationNeverShowsThePassword() {
    StoreLocation location = StoreLocation.parse("postgresql://db/pulse?user=u&password=secret", DATA_DIR);

    assertThat(location.toString()).contains("jdbc:postgresql://db/pulse", "u").doesNotContain("secret");
  }

  @Test
  void rejectsAnUrlWithoutADatabase() {
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://db:5432", DATA_DIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name a database");
  }

  @Test
  void rejectsAnUnknownSchemeNamingTheAcceptedForms() {
    assertThatThrownBy(() -> StoreLocation.parse("mysql://u:secret@db/pulse", DATA_DIR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("postgresql://host")
        .hasMessageContaining("duckdb:")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aMalformedPercentEscapeIsToldInPulsesWordsWithoutThePassword() {
    for (String url : new String[] {"postgresql://pulse:S3cr3t%ZZ@127.0.0.1:55432/pulse",
        "postgresql://127.0.0.1/pulse?user=pulse&password=S3cr3t%2", "postgresql://pulse:S3cr3t%@db/pulse"}) {
      assertThatThrownBy(() -> StoreLocation.parse(url, DATA_DIR))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a % in the store URL must be followed by two hex digits: write a % in a user name or"
              + " password as %25")
          .hasMessageNotContaining("S3cr3t");
    }
  }

  @Test
  void aPortThatIsNotOneIsRefusedWhenTheUrlIsParsed() {
    for (String port : new String[] {"notaport", "99999", "0", ""}) {
      assertThatThrownBy(() -> StoreLocation.parse("postgresql://u:secret@127.0.0.1:" + port + "/pulse", DATA_DIR))
          .as(port)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("the port of the store URL must be a number from 1 to 65535, not '" + port
              + "': postgresql://127.0.0.1:<port>/pulse");
    }
  }

  @Test
  void portsOfSeveralHostsAndOfAnIpv6AddressAreAccepted() {
    assertThat(StoreLocation.parse("postgresql://[::1]:5432,h2/pulse", DATA_DIR))
        .isEqualTo(new StoreLocation.Postgres("jdbc:postgresql://[::1]:5432,h2/pulse", "", ""));
    assertThatThrownBy(() -> StoreLocation.parse("postgresql://h1:5432,h2:70000/pulse", DATA_DIR))
        .hasMessageContaining("not '70000'");
  }

  @Test
  void aPostgresLocationNamesItsDatabaseAndHostWithoutTheUrlsParameters() {
    StoreLocation.Postgres full = new StoreLocation.Postgres("jdbc:postgresql://db.example:5433/pulse?sslmode=require", "u", "");
    assertThat(full.databaseName()).isEqualTo("pulse");
    assertThat(full.host()).isEqualTo("db.example:5433");
    StoreLocation.Postgres local = new StoreLocation.Postgres("jdbc:postgresql:///pulse", "", "");
    assertThat(local.host()).isEqualTo("localhost");
    assertThat(new StoreLocation.Postgres("jdbc:postgresql://db", "", "").databaseName()).isEmpty();
  }
}
