package dev.pulse.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.server.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-10-01T00:00:00Z"));
  private static final byte[] KEY = new byte[32];
  private final SessionStore sessions = SessionStore.create(Duration.ofHours(1), clock, KEY);

  @Test
  void startedSessionIsValidUntilItsTtlPasses() {
    String id = sessions.start();

    clock.advance(Duration.ofMinutes(59));
    assertThat(sessions.isValid(id)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(sessions.isValid(id)).isFalse();
  }

  @Test
  void endedSessionIsInvalid() {
    String id = sessions.start();

    sessions.end(id);

    assertThat(sessions.isValid(id)).isFalse();
  }

  @Test
  void anotherStoreWithTheSameKeyTakesTheSessionAndOneWithAnotherKeyDoesNot() {
    String id = sessions.start();

    assertThat(SessionStore.create(Duration.ofHours(1), clock, KEY.clone()).isValid(id)).isTrue();
    byte[] otherKey = KEY.clone();
    otherKey[0] = 1;
    assertThat(SessionStore.create(Duration.ofHours(1), clock, otherKey).isValid(id)).isFalse();
  }

  @Test
  void anIdWithAnotherExpiryOrNonceIsInvalid() {
    String id = sessions.start();
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int position : new int[] {0, 10, 20, 42, 74}) {
      // Four letters on: a change in the bits the id uses, also in the last character, whose two low bits
      // are unused (A and B spell the same id there).
      char changed = alphabet.charAt((alphabet.indexOf(id.charAt(position)) + 4) % alphabet.length());
      String tampered = id.substring(0, position) + changed + id.substring(position + 1);
      assertThat(sessions.isValid(tampered)).as("changed at %d", position).isFalse();
    }
  }

  @Test
  void anEndedSessionIsInvalidInEverySpellingOfItsId() {
    String id = sessions.start();
    // The last character holds two unused bits: base64 decoders take either value of them.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String otherSpelling = id.substring(0, 74) + alphabet.charAt(alphabet.indexOf(id.charAt(74)) + 1);
    assertThat(sessions.isValid(otherSpelling)).isTrue();

    sessions.end(id);

    assertThat(sessions.isValid(otherSpelling)).isFalse();
  }

  @Test
  void unknownOrMissingIdIsInvalid() {
    assertThat(sessions.isValid("made-up")).isFalse();
    assertThat(sessions.isValid(null)).isFalse();
    sessions.end(null);
  }

  @Test
  void idsAreRandomAndLongEnoughNotToGuess() {
    String first = sessions.start();
    String second = sessions.start();

    assertThat(first).isNotEqualTo(second).hasSize(75).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void rejectsANonPositiveTtl() {
    assertThatThrownBy(() -> SessionStore.create(Duration.ZERO, clock, KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl must be positive");
  }
}
