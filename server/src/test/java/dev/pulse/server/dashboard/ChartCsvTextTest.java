package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chart downloads' CSV ({@code chart-data.js}) made by the real module in Chromium. */
class ChartCsvTextTest {

  @RegisterExtension static final SignedInBrowser session = new SignedInBrowser();

  private static final String CSV =
      """
      const [header, rows, done] = arguments;
      // Encoded: the driver's transport would turn the CSV's CRLF into LF.
      import('/dashboard/chart-data.js').then((m) => done(encodeURIComponent(m.csvText(header, rows))))
          .catch((e) => done('failed: ' + e.message));
      """;

  @Test
  void textASpreadsheetWouldRunAsAFormulaStartsWithAQuoteAndNumbersStayAsTheyAre() {
    session.open("/");

    Object encoded = session.browser().driver().executeAsyncScript(CSV, List.of("version", "installs"),
        List.of(List.of("=1+1", -2), List.of("@SUM(A1)", 3), List.of("v1.2.0, beta", 4), List.of("-rc", 0)));
    String csv = URLDecoder.decode(String.valueOf(encoded), StandardCharsets.UTF_8);

    assertThat(csv).isEqualTo("version,installs\r\n'=1+1,-2\r\n'@SUM(A1),3\r\n\"v1.2.0, beta\",4\r\n'-rc,0\r\n");
  }
}
