package dev.pulse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HeldBytesTest {

  @Test
  void holdsWhatItWasGivenInChunksTakenFromTheBudgetAndGivesThemBackForTheWholeArray() {
    BodyBudget budget = new BodyBudget(1 << 20);
    BodyBudget.Hold hold = budget.hold();
    HeldBytes bytes = new HeldBytes(hold, -1);
    byte[] given = new byte[200_000];
    new Random(1).nextBytes(given);
    for (int at = 0; at < given.length; at += 7_000) {
      assertThat(bytes.write(given, at, Math.min(7_000, given.length - at))).isTrue();
    }
    assertThat(budget.held()).as("chunks growing to 64 KiB").isBetween((long) given.length, given.length + (long) HeldBytes.CHUNK);

    assertThat(bytes.toByteArray()).isEqualTo(given);
    assertThat(budget.held()).as("the array alone").isEqualTo(given.length);
    hold.release();
    assertThat(budget.held()).isZero();
  }

  @Test
  void aBodyOfTheAnnouncedLengthIsOneChunkHandedOverWithoutACopy() {
    BodyBudget budget = new BodyBudget(1 << 20);
    HeldBytes bytes = new HeldBytes(budget.hold(), 1000);
    assertThat(bytes.write(new byte[1000], 0, 1000)).isTrue();
    assertThat(budget.held()).isEqualTo(1000);
    assertThat(bytes.toByteArray()).hasSize(1000);
    assertThat(budget.held()).isEqualTo(1000);
  }

  @Test
  void aSmallBodyOfUnknownLengthHoldsOneSmallChunk() {
    BodyBudget budget = new BodyBudget(1 << 20);
    HeldBytes bytes = new HeldBytes(budget.hold(), -1);
    assertThat(bytes.write(new byte[700], 0, 700)).isTrue();
    assertThat(budget.held()).isEqualTo(HeldBytes.FIRST_UNKNOWN);
  }

  @Test
  void refusesToGrowPastTheBudgetAndTakesNothingMoreAfterARelease() {
    BodyBudget budget = new BodyBudget(2 * HeldBytes.CHUNK);
    BodyBudget.Hold first = budget.hold();
    HeldBytes bytes = new HeldBytes(first, -1);
    byte[] chunk = new byte[HeldBytes.CHUNK];
    assertThat(bytes.write(chunk, 0, chunk.length)).isTrue();
    assertThat(bytes.write(chunk, 0, chunk.length)).isTrue();
    assertThat(bytes.write(chunk, 0, 1)).as("a third chunk").isFalse();
    assertThat(new HeldBytes(budget.hold(), -1).write(chunk, 0, 1)).as("another request").isFalse();

    first.release();
    assertThat(budget.held()).isZero();
    assertThat(first.take(1)).as("after its release").isFalse();
    assertThat(budget.hold().take(HeldBytes.CHUNK)).isTrue();
  }
}
