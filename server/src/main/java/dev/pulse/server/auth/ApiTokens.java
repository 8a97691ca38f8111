package dev.pulse.server.auth;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens that open {@code /api/} and the dashboard: the {@link AdminToken}, which may do
 * everything, and an optional read token, which may sign in to the dashboard and read the API
 * ({@code GET}, {@code HEAD}) but never import or erase. A team shares the read token; the admin token
 * stays with whoever maintains the server.
 *
 * <p>Immutable and thread-safe. Only digests are held, compared in constant time.
 */
public final class ApiTokens {

  /** What a presented token may do. */
  public enum Grant {
    /** Everything: the admin token. */
    ADMIN,
    /** Reads only: the read token. */
    READ,
    /** Nothing: no token, or one this server does not know. */
    NONE
  }

  private final AdminToken admin;
  private final byte[] readDigest;

  private ApiTokens(AdminToken admin, byte[] readDigest) {
    this.admin = admin;
    this.readDigest = readDigest;
  }

  /**
   * The admin token with, when {@code readToken} is present, a read token.
   *
   * @throws IllegalArgumentException when the read token is the admin token
   */
  public static ApiTokens of(AdminToken admin, Optional<String> readToken) {
    Objects.requireNonNull(admin, "admin");
    if (readToken.isPresent() && admin.matches(readToken.get())) {
      throw new IllegalArgumentException("read-token must differ from the admin token");
    }
    return new ApiTokens(admin, readToken.map(AdminToken::sha256).orElse(null));
  }

  /** What {@code presented} may do; {@link Grant#NONE} for null. */
  public Grant grant(String presented) {
    if (presented == null) {
      return Grant.NONE;
    }
    byte[] presentedDigest = AdminToken.sha256(presented);
    if (admin.matchesDigest(presentedDigest)) {
      return Grant.ADMIN;
    }
    if (readDigest != null && MessageDigest.isEqual(readDigest, presentedDigest)) {
      return Grant.READ;
    }
    return Grant.NONE;
  }

  /** Whether {@code presented} may sign in to the dashboard (whose sessions only read). */
  public boolean signsIn(String presented) {
    return grant(presented) != Grant.NONE;
  }

  /**
   * The digests of both tokens in one: what a key derived from it (the dashboard's sessions) follows,
   * so that a new admin or read token ends what the old ones started.
   */
  public byte[] digest() {
    byte[] admin = this.admin.digest();
    byte[] both = Arrays.copyOf(admin, admin.length + (readDigest == null ? 0 : readDigest.length));
    if (readDigest != null) {
      System.arraycopy(readDigest, 0, both, admin.length, readDigest.length);
    }
    return both;
  }

  /** Whether a read token is configured. */
  public boolean hasReadToken() {
    return readDigest != null;
  }
}
