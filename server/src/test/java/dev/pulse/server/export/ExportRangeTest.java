package dev.pulse.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ServerForClass;
import dev.pulse.server.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/export/{kind}?from=&to=} over a real server: the records of whole UTC days. */
class ExportRangeTest {

  private static final String LINE = "{\"receivedAt\":\"%s\",\"componentType\":\"NETWORK_MAPPER\","
      + "\"componentInstanceId\":\"%s\",\"contextId\":\"ctx\",\"version\":\"v1\",\"cloudClientId\":\"\","
      + "\"eventType\":\"ACTIVE\",\"count\":1,\"error\":\"\"}";

  @RegisterExtension static final ServerForClass shared = new ServerForClass();

  static TestServer server() {
    return shared.server();
  }

  /** Per day of November 1 to 5: its first and its last millisecond. */
  private static final List<String> LINES = new ArrayList<>();

  @BeforeAll
  static void storeTwoRecordsADayForFiveDays() throws Exception {
    for (int day = 1; day <= 5; day++) {
      LINES.add(String.format(LINE, "2026-11-0" + day + "T00:00:00.000Z", "first-" + day));
      LINES.add(String.format(LINE, "2026-11-0" + day + "T23:59:59.999Z", "last-" + day));
    }
    HttpResponse<String> imported = server().send(HttpRequest.newBuilder(server().uri("/api/v1/import?kind=events"))
        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", LINES) + "\n")).build());
    assertThat(imported.body()).isEqualTo("{\"imported\":10,\"skipped\":0}");
  }

  @Test
  void exportsTheRecordsOfTheDaysFromToBothIncluded() {
    assertThat(export("?from=2026-11-02&to=2026-11-03")).containsExactlyElementsOf(LINES.subList(2, 6));
  }

  @Test
  void exportsOneDay() {
    assertThat(export("?from=2026-11-05&to=2026-11-05")).containsExactlyElementsOf(LINES.subList(8, 10));
  }

  @Test
  void anOpenSideReachesTheFirstOrTheLastRecord() {
    assertThat(export("?from=2026-11-04")).containsExactlyElementsOf(LINES.subList(6, 10));
    assertThat(export("?to=2026-11-01")).containsExactlyElementsOf(LINES.subList(0, 2));
    assertThat(export("")).containsExactlyElementsOf(LINES);
  }

  @Test
  void consecutiveRangesShareNoRecordAndMissNone() {
    List<String> both = new ArrayList<>(export("?to=2026-11-02"));
    both.addAll(export("?from=2026-11-03"));
    assertThat(both).containsExactlyElementsOf(LINES);
  }

  @Test
  void aDayWithNothingIsAnEmptyExport() {
    assertThat(export("?from=2026-12-01&to=2026-12-31")).isEmpty();
  }

  @Test
  void aBoundThatIsNotADayIsRefusedNamingIt() {
    HttpResponse<String> month13 = server().get("/api/v1/export/events?from=2026-13-01", TestServer.ADMIN_TOKEN);
    HttpResponse<String> instant = server().get("/api/v1/export/events?to=2026-11-01T10:00:00Z", TestServer.ADMIN_TOKEN);

    assertThat(month13.statusCode()).isEqualTo(400);
    assertThat(month13.body()).contains("BAD_PARAMETER").contains("from: not a date YYYY-MM-DD (a UTC day from 1970-01-01 to 9999-12-31): \\\"2026-13-01\\\"");
    assertThat(instant.statusCode()).isEqualTo(400);
    assertThat(instant.body()).contains("to: not a date YYYY-MM-DD (a UTC day from 1970-01-01 to 9999-12-31): \\\"2026-11-01T10:00:00Z\\\"");
  }

  @Test
  void aFirstDayAfterTheLastIsRefused() {
    HttpResponse<String> reversed = server().get("/api/v1/export/errors?from=2026-11-03&to=2026-11-02", TestServer.ADMIN_TOKEN);

    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.body()).contains("from: the first day 2026-11-03 is after the last day 2026-11-02;"
        + " both days are included, so a single day is given as both");
  }

  private static List<String> export(String query) {
    HttpResponse<String> response = server().get("/api/v1/export/events" + query, TestServer.ADMIN_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().lines().toList();
  }
}
