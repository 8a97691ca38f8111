package dev.pulse.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BasePathRulesTest {

  @Test
  void aPathIsKeptWithoutItsTrailingSlashAndTheRootIsEmpty() {
    assertThat(BasePath.parse(" /tools/pulse/ ").prefix()).isEqualTo("/tools/pulse");
    assertThat(BasePath.parse("/").isRoot()).isTrue();
    assertThat(BasePath.parse(null).isRoot()).isTrue();
  }

  @Test
  void stripsOnlyWholeSegmentsOfTheBase() {
    BasePath base = BasePath.parse("/pulse");
    assertThat(base.strip("/pulse")).isEqualTo("/");
    assertThat(base.strip("/pulse/errors/abc")).isEqualTo("/errors/abc");
    assertThat(base.strip("/pulsed/errors")).isNull();
    assertThat(base.strip("/errors")).isNull();
  }

  @Test
  void refusesWhatALinkOrCookieCouldNotCarryAndPathsTheServerAnswersAtTheRoot() {
    for (String bad : new String[] {"pulse", "/pul se", "/a/../b", "/a//b", "/p%20q", "/x?y"}) {
      assertThatThrownBy(() -> BasePath.parse(bad)).as(bad).hasMessageContaining("base-path must be a path");
    }
    assertThatThrownBy(() -> BasePath.parse("/api/pulse"))
        .hasMessage("base-path must not start with /api, a path the server answers at the root too: choose another,"
            + " such as /pulse");
  }
}
