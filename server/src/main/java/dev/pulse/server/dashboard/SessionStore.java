package dev.pulse.server.dashboard;

import dev.pulse.server.privacy.HmacSha256;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sign-in sessions, valid until a fixed time after sign-in (default 12 hours) or until
 * signed out. A session id carries its own expiry and 128 random bits, signed with HMAC-SHA256 under
 * a key every server of one deployment derives alike ({@link #create(Duration, Clock, byte[])}): any
 * of several servers behind one load balancer accepts a session another started, and a restart or a
 * rolling update keeps everyone signed in. Nothing is written anywhere; a changed key (a new admin or
 * read token) ends every session.
 *
 * <p>Signing out is remembered by the server that answered it, until the session would have expired:
 * the browser drops the cookie, and that server refuses the id from then on.
 *
 * <p>Thread-safe.
 */
public final class SessionStore {

  /** The default lifetime of a session. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(12);

  private static final int EXPIRY_BYTES = Long.BYTES;
  private static final int RANDOM_BYTES = 16;
  private static final int BODY_BYTES = EXPIRY_BYTES + RANDOM_BYTES;
  private static final int ID_BYTES = BODY_BYTES + 32;

  private final Map<String, Instant> endedUntil = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final HmacSha256 hmac;
  private final Duration ttl;
  private final Clock clock;

  private SessionStore(Duration ttl, Clock clock, byte[] key) {
    this.ttl = ttl;
    this.clock = clock;
    this.hmac = new HmacSha256(key);
  }

  /** A store of its own (a random key), whose sessions last {@link #DEFAULT_TTL}. */
  public static SessionStore create() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return create(DEFAULT_TTL, Clock.systemUTC(), key);
  }

  /**
   * A store whose sessions last {@code ttl}, measured on {@code clock}, signed with {@code key}: stores
   * with the same key accept each other's sessions.
   *
   * @param key at least 32 secret bytes
   */
  public static SessionStore create(Duration ttl, Clock clock, byte[] key) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(key, "key");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    if (key.length < 32) {
      throw new IllegalArgumentException("a session key must be at least 32 bytes, got " + key.length);
    }
    return new SessionStore(ttl, clock, key);
  }

  /** Starts a session and returns its id. */
  public String start() {
    pruneEnded();
    byte[] id = new byte[ID_BYTES];
    ByteBuffer.wrap(id).putLong(clock.instant().plus(ttl).getEpochSecond());
    byte[] nonce = new byte[RANDOM_BYTES];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, id, EXPIRY_BYTES, RANDOM_BYTES);
    System.arraycopy(sign(id), 0, id, BODY_BYTES, 32);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /**
   * Whether {@code sessionId} was started under this store's key, has not expired and was not ended
   * here. Null is invalid.
   */
  public boolean isValid(String sessionId) {
    Signed session = verified(sessionId);
    return session != null && clock.instant().isBefore(session.expiry())
        && !endedUntil.containsKey(session.canonicalId());
  }

  /** Ends the session, if there is one: this store refuses it from now on. */
  public void end(String sessionId) {
    Signed session = verified(sessionId);
    if (session != null && clock.instant().isBefore(session.expiry())) {
      pruneEnded();
      endedUntil.put(session.canonicalId(), session.expiry());
    }
  }

  /** How long a session lasts. */
  public Duration ttl() {
    return ttl;
  }

  /**
   * A rightly signed id: its expiry, and its bytes encoded anew (a decoder may accept more than one
   * spelling of the same bytes, and a sign-out must end them all).
   */
  private record Signed(String canonicalId, Instant expiry) {}

  /** The signed session a well-formed, rightly signed id is; null for anything else. */
  private Signed verified(String sessionId) {
    if (sessionId == null || sessionId.length() != (ID_BYTES * 4 + 2) / 3) {
      return null;
    }
    byte[] id;
    try {
      id = Base64.getUrlDecoder().decode(sessionId);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    if (id.length != ID_BYTES
        || !MessageDigest.isEqual(sign(id), Arrays.copyOfRange(id, BODY_BYTES, ID_BYTES))) {
      return null;
    }
    return new Signed(Base64.getUrlEncoder().withoutPadding().encodeToString(id),
        Instant.ofEpochSecond(ByteBuffer.wrap(id).getLong()));
  }

  private byte[] sign(byte[] id) {
    return hmac.of(id, 0, BODY_BYTES);
  }

  // Pruning on sign-in and sign-out keeps the map bounded by the sign-outs of one TTL, without a timer.
  private void pruneEnded() {
    Instant now = clock.instant();
    endedUntil.values().removeIf(expiry -> !now.isBefore(expiry));
  }
}
