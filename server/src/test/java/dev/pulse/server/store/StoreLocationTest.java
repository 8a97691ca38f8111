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
}
