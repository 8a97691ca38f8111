package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A block's life on a clock the test moves, with the delays recorded rather than waited: a right
 * token during a block does not lift it, and the block ends after {@link AuthThrottle#BLOCK}, when
 * the right token is taken again. Through a real server: {@code AuthThrottleTest}.
 */
class AuthThrottleBlockTest {

  private static final String GUESSER = "203.0.113.7";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<Long> delays = new ArrayList<>();
  private final AuthThrottle throttle = new AuthThrottle(clock, delays::add);

  @Test
  void aRightTokenDuringABlockDoesNotLiftItAndTheBlockEndsAfterItsTime() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(throttle.blockedSeconds(GUESSER)).as("before wrong token " + (i + 1)).isEmpty();
      throttle.failed(GUESSER);
    }
    assertThat(delays).hasSize(AuthThrottle.MAX_FAILURES).last().isEqualTo(AuthThrottle.MAX_DELAY_MILLIS);
    assertThat(throttle.blockedSeconds(GUESSER)).hasValue(AuthThrottle.BLOCK.toSeconds());
    assertThat(throttle.blockedSeconds("198.51.100.20")).as("another address").isEmpty();

    throttle.succeeded(GUESSER); // a request that found the address free just before the block began
    clock.advance(AuthThrottle.BLOCK.minusSeconds(1));
    assertThat(throttle.blockedSeconds(GUESSER)).hasValue(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.blockedSeconds(GUESSER)).isEmpty();
    throttle.succeeded(GUESSER);
    throttle.failed(GUESSER);
    assertThat(delays).last().as("the count started over").isEqualTo(AuthThrottle.FIRST_DELAY_MILLIS);
    assertThat(throttle.refusals()).isEqualTo(2);
    assertThat(throttle.wrongTokens()).isEqualTo(AuthThrottle.MAX_FAILURES + 1);
  }

  @Test
  void theAddressesOfOneIpv6Slash64ShareOneCountAndAMappedIpv4AddressCountsAsItsIpv4One() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      throttle.failed("2001:db8:1:2::" + Integer.toHexString(i + 1)); // a fresh address each time
    }
    assertThat(throttle.blockedSeconds("2001:db8:1:2:ffff:ffff:ffff:ffff")).as("the same /64").isPresent();
    assertThat(throttle.blockedSeconds("[2001:db8:1:2::9]")).as("in brackets").isPresent();
    assertThat(throttle.blockedSeconds("2001:db8:1:3::1")).as("the next /64").isEmpty();

    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      throttle.failed(i % 2 == 0 ? GUESSER : "::ffff:" + GUESSER);
    }
    assertThat(throttle.blockedSeconds(GUESSER)).isPresent();
    assertThat(throttle.blockedSeconds("203.0.113.8")).as("IPv4 stays per address").isEmpty();
  }

  @Test
  void aCountIsForgottenAfterItsTimeWithoutAWrongToken() {
    for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
      throttle.failed(GUESSER);
    }
    clock.advance(AuthThrottle.FORGET.plusSeconds(1));
    throttle.failed(GUESSER);
    assertThat(throttle.blockedSeconds(GUESSER)).isEmpty();
    assertThat(delays).last().isEqualTo(AuthThrottle.FIRST_DELAY_MILLIS);
  }
}
