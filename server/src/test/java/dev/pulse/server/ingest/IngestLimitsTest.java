package dev.pulse.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestLimitsTest {

  @Test
  void defaultsAllowTheFloorsTheContractSets() {
    IngestLimits limits = IngestLimits.defaults();
    assertThat(limits.maxItemsPerRequest()).isGreaterThanOrEqualTo(1000);
    assertThat(limits.maxCauseDepth()).isGreaterThanOrEqualTo(32);
    assertThat(limits.maxJsonNestingDepth()).isGreaterThan(limits.maxCauseDepth());
  }

  @Test
  void refusesAnItemLimitBelowAThousandNamingTheField() {
    assertThatThrownBy(() -> IngestLimits.defaults().withMaxItemsPerRequest(999))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxItemsPerRequest")
        .hasMessageContaining("999");
  }

  @Test
  void refusesNonPositiveBodyLimitsNamingTheField() {
    assertThatThrownBy(() -> IngestLimits.defaults().withBodyBytes(0, 10))
        .hasMessageContaining("maxCompressedBodyBytes");
    assertThatThrownBy(() -> IngestLimits.defaults().withBodyBytes(10, -1))
        .hasMessageContaining("maxBodyBytes");
  }
}
