package dev.pulse.server.auth;

import dev.pulse.server.web.ClientKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down guessing the admin token, per client address: each wrong token in a row is answered
 * after a delay that doubles from {@value #FIRST_DELAY_MILLIS} ms up to {@value #MAX_DELAY_MILLIS}
 * ms; after {@link #MAX_FAILURES} in a row the address is blocked for {@link #BLOCK}: its callers
 * refuse it (HTTP 429 with {@code Retry-After}) whatever token it sends, the right one included, or
 * the block would not bound guessing. Outside a block a right token is never delayed and clears its
 * address's count. A count is forgotten after {@link #FORGET} without a wrong token.
 *
 * <p>The address is the client's as the callers resolve it: the TCP peer, or what a trusted proxy
 * forwards ({@code TrustedProxies}), so that behind a proxy one guesser does not block everyone. It
 * is counted under its {@link ClientKey}: an IPv4 address alone (an IPv4-mapped IPv6 address as its
 * IPv4 address), an IPv6 address with every other address of its /64, since one host usually holds
 * a whole /64 and would otherwise start a fresh count, and escape a block, with each new address.
 *
 * <p>Addresses live in memory only and are never logged: reaching the bound is logged once per
 * block, with the number of addresses blocked. At most {@value #MAX_ADDRESSES} addresses are
 * tracked; past that, stale ones are dropped, and if none is stale the whole table is (a flood of
 * addresses then gets plain 401s until it refills). Thread-safe.
 */
public final class AuthThrottle {

  /** Wrong tokens in a row after which an address is refused for {@link #BLOCK}. */
  public static final int MAX_FAILURES = 10;

  /** How long an address is refused once it reached {@link #MAX_FAILURES}. */
  public static final Duration BLOCK = Duration.ofSeconds(60);

  /** How long a count of wrong tokens is kept after the last one. */
  public static final Duration FORGET = Duration.ofMinutes(15);

  static final long FIRST_DELAY_MILLIS = 25;
  static final long MAX_DELAY_MILLIS = 1000;
  static final int MAX_ADDRESSES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(AuthThrottle.class);

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final LongAdder wrongTokens = new LongAdder();
  private final LongAdder refusals = new LongAdder();
  private final Clock clock;
  private final LongConsumer pause;

  /** The record of one address: wrong tokens in a row, the last one's time, the end of a block. */
  private record Failures(int count, Instant last, Instant blockedUntil) {}

  /** A throttle on {@code clock} that waits each delay with {@code pause} (milliseconds). */
  AuthThrottle(Clock clock, LongConsumer pause) {
    this.clock = clock;
    this.pause = pause;
  }

  /** A throttle on the system clock, delaying on the request's thread. */
  public static AuthThrottle create() {
    return new AuthThrottle(Clock.systemUTC(), AuthThrottle::sleep);
  }

  /**
   * The whole seconds {@code address} must wait before trying again (a refusal, counted); empty when
   * it may try now.
   */
  public OptionalLong blockedSeconds(String address) {
    Failures f = failures.get(ClientKey.of(address));
    Instant now = clock.instant();
    if (f == null || !blocked(f, now)) {
      return OptionalLong.empty();
    }
    refusals.increment();
    long millis = Duration.between(now, f.blockedUntil()).toMillis();
    return OptionalLong.of(Math.max(1, (millis + 999) / 1000));
  }

  /**
   * A right token from {@code address}, which its caller found not blocked: its count starts over. A
   * block that began meanwhile (another request's wrong token) stays.
   */
  public void succeeded(String address) {
    Instant now = clock.instant();
    failures.computeIfPresent(ClientKey.of(address), (key, f) -> blocked(f, now) ? f : null);
  }

  /**
   * A wrong token from {@code address}: counts it, and waits the delay its count calls for (at most
   * {@value #MAX_DELAY_MILLIS} ms) before the caller answers.
   */
  public void failed(String address) {
    wrongTokens.increment();
    Failures f = count(ClientKey.of(address));
    if (f.count() >= MAX_FAILURES) {
      LOG.warn(
          "{} wrong admin tokens in a row from one address; it is refused for {} s ({} address(es) refused now)",
          MAX_FAILURES, BLOCK.toSeconds(), blockedCount());
    }
    pause.accept(delayMillis(f.count()));
  }

  /** Wrong tokens counted since start (for {@code /metrics}). */
  public long wrongTokens() {
    return wrongTokens.sum();
  }

  /** Tries refused with 429 since start (for {@code /metrics}). */
  public long refusals() {
    return refusals.sum();
  }

  /** The delay after the {@code count}-th wrong token in a row. */
  static long delayMillis(int count) {
    int doublings = Math.min(Math.max(0, count - 1), 10);
    return Math.min(MAX_DELAY_MILLIS, FIRST_DELAY_MILLIS << doublings);
  }

  /** Counts a wrong token under {@code key} (an address, or an IPv6 /64: {@link ClientKey}). */
  private Failures count(String key) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_ADDRESSES && !failures.containsKey(key)) {
      makeRoom(now);
    }
    return failures.compute(
        key,
        (k, f) -> {
          boolean fresh = f == null || Duration.between(f.last(), now).compareTo(FORGET) > 0;
          int count = fresh ? 1 : f.count() + 1;
          Instant blockedUntil = count >= MAX_FAILURES ? now.plus(BLOCK) : null;
          return new Failures(count, now, blockedUntil);
        });
  }

  private void makeRoom(Instant now) {
    failures.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET) > 0);
    if (failures.size() >= MAX_ADDRESSES) {
      LOG.warn("wrong admin tokens from over {} addresses; the throttle starts over", MAX_ADDRESSES);
      failures.clear();
    }
  }

  private long blockedCount() {
    Instant now = clock.instant();
    return failures.values().stream().filter(f -> blocked(f, now)).count();
  }

  private static boolean blocked(Failures f, Instant now) {
    return f.blockedUntil() != null && now.isBefore(f.blockedUntil());
  }

  private static void sleep(long millis) {
    // A bounded, deliberate wait on the request's own thread; an address past the bound gets its
    // 429 at once instead, so one address holds at most a few threads for at most a second.
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
