package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.analytics.api.Analysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard's pages ask the API only for analyses it has ({@link Analysis}). */
class DashboardAnalysesTest {

  private static final List<String> PAGE_SCRIPTS =
      List.of("overview.js", "features.js", "cli.js", "errors.js", "error-detail.js", "retention.js");
  private static final Pattern FETCH = Pattern.compile("fetchRows\\(\"([^\"]+)\"");

  @Test
  void everyAnalysisAPageFetchesIsOneTheApiServes() throws IOException {
    List<String> fetched = new ArrayList<>();
    for (String script : PAGE_SCRIPTS) {
      try (InputStream in = DashboardAnalysesTest.class.getResourceAsStream("/dashboard/pages/" + script)) {
        assertThat(in).as(script).isNotNull();
        Matcher m = FETCH.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        while (m.find()) {
          fetched.add(m.group(1));
        }
      }
    }
    // "errors/" + fingerprint is the path of the one-error analysis, its fingerprint left out.
    List<String> served = Arrays.stream(Analysis.values())
        .map(a -> a.path().replace("{fingerprint}", "")).toList();

    assertThat(fetched).isNotEmpty().allSatisfy(name -> assertThat(served).contains(name));
  }
}
