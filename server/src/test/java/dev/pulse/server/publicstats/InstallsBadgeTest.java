package dev.pulse.server.publicstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstallsBadgeTest {

  @Test
  void countsAreShortAndNeverRoundedUp() {
    assertThat(List.of(0L, 999L, 1_000L, 1_249L, 1_999L, 9_999L, 10_000L, 123_999L, 1_000_000L, 2_560_000L, 45_000_000L))
        .map(InstallsBadge::compact)
        .containsExactly("0", "999", "1k", "1.2k", "1.9k", "9.9k", "10k", "123k", "1M", "2.5M", "45M");
  }

  @Test
  void aLastDayUnderKSaysFewerThanKAndNoNumber() {
    Map<String, Object> badge = InstallsBadge.of(installs(10, 40L, null));

    assertThat(badge).containsEntry("message", "fewer than 10").containsEntry("color", "lightgrey");
  }

  @Test
  void aStoreWithoutDataSaysSo() {
    assertThat(InstallsBadge.of(installs(10)).get("message")).isEqualTo("no data yet");
  }

  // A PublicStats.installs answer with these weeklyActive values, oldest day first.
  private static Map<String, Object> installs(int k, Long... weeklyActive) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("minInstalls", k);
    answer.put("rows", Arrays.stream(weeklyActive).map(value -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("weeklyActive", value);
      return row;
    }).toList());
    return answer;
  }
}
