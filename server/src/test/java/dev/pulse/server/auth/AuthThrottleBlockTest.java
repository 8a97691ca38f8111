package dev.pulse.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.server.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A block's life on a clock the test moves, with the delays recorded rather than waited: a right
 * token during a block does not lift it, and the block ends after {@link AuthThrottle#BLOCK}, when
 * the right token is taken again; a full table never lifts one. Through a real server:
 * {@code AuthThrottleTest}.
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
    failTimes(throttle, "fe80::1%2", AuthThrottle.MAX_FAILURES);
    assertThat(throttle.blockedSeconds("fe80::1%2")).isPresent();
    assertThat(throttle.blockedSeconds("fe80::2%2")).as("link-local: every link shares its /64").isEmpty();

    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      throttle.failed(i % 2 == 0 ? GUESSER : "::ffff:" + GUESSER);
    }
    assertThat(throttle.blockedSeconds(GUESSER)).isPresent();
    assertThat(throttle.blockedSeconds("203.0.113.8")).as("IPv4 stays per address").isEmpty();
  }

  @Test
  void aFullTableDropsTheFewestUnblockedCountsAndNeverLiftsABlock() {
    AuthThrottle small = new AuthThrottle(clock, delays::add, 4);
    failTimes(small, GUESSER, AuthThrottle.MAX_FAILURES);
    failTimes(small, "198.51.100.1", 3);
    failTimes(small, "198.51.100.2", 1);
    failTimes(small, "198.51.100.3", 2); // four tracked: full

    small.failed("198.51.100.4"); // drops the fewest: 198.51.100.2's one wrong token
    small.failed("198.51.100.3");
    assertThat(delays).last().as("its count kept").isEqualTo(AuthThrottle.delayMillis(3));
    small.failed("198.51.100.1");
    assertThat(delays).last().as("its count kept").isEqualTo(AuthThrottle.delayMillis(4));
    assertThat(small.blockedSeconds(GUESSER)).isPresent();

    for (String address : List.of("198.51.100.1", "198.51.100.3", "198.51.100.4")) {
      failTimes(small, address, AuthThrottle.MAX_FAILURES);
    }
    // Every tracked address blocked: a further one is not tracked, and waits the longest delay each time.
    failTimes(small, "198.51.100.5", AuthThrottle.MAX_FAILURES + 1);
    assertThat(delays.subList(delays.size() - AuthThrottle.MAX_FAILURES - 1, delays.size()))
        .containsOnly(AuthThrottle.MAX_DELAY_MILLIS);
    assertThat(small.blockedSeconds("198.51.100.5")).isEmpty();
    assertThat(small.blockedSeconds(GUESSER)).as("no block lifted").isPresent();

    clock.advance(AuthThrottle.BLOCK);
    small.failed("198.51.100.5");
    assertThat(delays).last().as("tracked once a block ended").isEqualTo(AuthThrottle.FIRST_DELAY_MILLIS);
  }

  @Test
  void pastTheBoundOfWrongTokensWaitingAtOnceOneIsAnsweredWithoutItsDelayAndStillCounts() throws Exception {
    Thread tester = Thread.currentThread();
    CountDownLatch held = new CountDownLatch(AuthThrottle.MAX_WAITING);
    CountDownLatch release = new CountDownLatch(1);
    List<Long> testerDelays = new ArrayList<>();
    AuthThrottle throttle = new AuthThrottle(clock, millis -> {
      if (Thread.currentThread() == tester) {
        testerDelays.add(millis); // recorded, not waited: the old rule would wait here
        return;
      }
      held.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ExecutorService requests = Executors.newFixedThreadPool(AuthThrottle.MAX_WAITING);
    try {
      for (int i = 0; i < AuthThrottle.MAX_WAITING; i++) {
        String address = "198.51.100." + i;
        requests.submit(() -> throttle.failed(address));
      }
      assertThat(held.await(30, TimeUnit.SECONDS)).as("every request thread waiting its delay").isTrue();
      failTimes(throttle, GUESSER, AuthThrottle.MAX_FAILURES);
      assertThat(testerDelays).as("no delay waited past the bound").isEmpty();
      assertThat(throttle.blockedSeconds(GUESSER)).as("the wrong tokens counted all the same").isPresent();
    } finally {
      release.countDown();
      requests.shutdown();
      assertThat(requests.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    throttle.failed("192.0.2.1");
    assertThat(testerDelays).as("waited again once the others ended").containsExactly(AuthThrottle.FIRST_DELAY_MILLIS);
  }

  private static void failTimes(AuthThrottle throttle, String address, int times) {
    for (int i = 0; i < times; i++) {
      throttle.failed(address);
    }
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
