package dev.pulse.server.ingest;

import dev.pulse.schema.ReportedError;
import dev.pulse.schema.StackFrame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The key that groups reports of "the same" error: the first 16 lowercase hex digits (64 bits) of
 * SHA-256 over the outermost error's {@code errorClass} and the {@code package} and {@code name} of
 * its first {@value #FRAMES} stack frames, each followed by a newline:
 *
 * <pre>errorClass \n package \t name \n package \t name \n ...</pre>
 *
 * <p>Messages, file names and line numbers are left out on purpose: messages carry per-occurrence
 * values (ids, durations) and line numbers change with every release, while the class and the
 * calling functions identify the failure. Stable across releases: stored fingerprints are compared
 * with new ones. Thread-safe.
 */
public final class ErrorFingerprint {

  /** How many of the outermost error's frames take part. */
  public static final int FRAMES = 5;

  private static final HexFormat HEX = HexFormat.of();

  private ErrorFingerprint() {}

  /** The fingerprint of an error. */
  public static String of(ReportedError error) {
    MessageDigest sha256 = sha256();
    update(sha256, error.errorClass());
    List<StackFrame> stack = error.stack();
    int frames = Math.min(FRAMES, stack.size());
    for (int i = 0; i < frames; i++) {
      StackFrame frame = stack.get(i);
      sha256.update(frame.packageName().getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\t');
      update(sha256, frame.name());
    }
    return HEX.formatHex(sha256.digest(), 0, 8);
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(value.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
