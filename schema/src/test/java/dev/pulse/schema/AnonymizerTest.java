package dev.pulse.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnonymizerTest {

  // Computed outside Java: printf '%s' "$SALT$UID" | sha256sum
  private static final String KUBE_SYSTEM_UID = "6d5e3a0c-1b2f-4e8a-9c7d-0f1e2d3c4b5a";
  private static final String KNOWN_HASH =
      "849291ccf2c61ae3c8ce4054254a27ed81ffacb3a6ba38bb07b51a481c8f25c5";

  @Test
  void matchesTheGoComponentsHashForAKnownUid() {
    assertThat(Anonymizer.create().anonymize(KUBE_SYSTEM_UID)).isEqualTo(KNOWN_HASH);
  }

  @Test
  void anotherSaltGivesAnotherHash() {
    assertThat(Anonymizer.withSalt("other").anonymize(KUBE_SYSTEM_UID)).isNotEqualTo(KNOWN_HASH);
  }

  @Test
  void hashesAreLowercaseHexOf64Characters() {
    assertThat(Anonymizer.anonymizeDefault("x")).matches("[0-9a-f]{64}");
  }
}
