package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.web.BasePath;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class PageShellTest {

  @Test
  void componentLabelsAreSpelledTheSameOnAServerWithATurkishLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr")); // lower-cases I to a dotless ı
    try {
      String html = new PageShell(BasePath.ROOT).html(FirstRun.Stage.DONE, LocalDate.of(2026, 1, 1));

      assertThat(html)
          .contains("<option value=\"CREDENTIALS_OPERATOR\">Credentials operator</option>")
          .doesNotContain("ı");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void cliIsNotOfferedAsAComponentItHasNoneOfTheRecordsAComponentFilterSelects() {
    String html = new PageShell(BasePath.ROOT).html(FirstRun.Stage.DONE, LocalDate.of(2026, 1, 1));

    assertThat(html)
        .contains("<option value=\"NETWORK_MAPPER\">Network mapper</option>")
        .doesNotContain("<option value=\"CLI\"");
  }
}
