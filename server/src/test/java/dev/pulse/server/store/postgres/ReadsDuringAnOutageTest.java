package dev.pulse.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While PostgreSQL is down, the read endpoints answer 503 saying the database may be down, not the
 * embedded store's reason (records acknowledged and still being applied).
 */
class ReadsDuringAnOutageTest {

  @TempDir Path dataDir;
  @TempDir Path pgData;

  @Test
  void exportAndAnalyticsSayPostgresMayBeDownWhileItIs() throws Exception {
    RestartablePostgres postgres = RestartablePostgres.start(pgData);
    try (TestServer server = TestServer.start(dataDir, builder -> builder.store(postgres.url()))) {
      postgres.stop();

      for (String path : List.of("/api/v1/export/events", "/api/v1/versions")) {
        HttpResponse<String> answer = server.get(path, TestServer.ADMIN_TOKEN);

        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(503);
        assertThat(answer.body()).as(path)
            .contains("STORE_UNAVAILABLE", "PostgreSQL may be down or unreachable", "retry later")
            .doesNotContain("applying records", "Exception");
      }
    } finally {
      postgres.close();
    }
  }
}
