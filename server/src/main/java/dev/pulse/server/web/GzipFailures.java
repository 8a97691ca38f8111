package dev.pulse.server.web;

import java.io.EOFException;
import java.util.zip.ZipException;

/** What is wrong with gzip data that failed to inflate, in our words rather than java.util.zip's. */
public final class GzipFailures {

  private GzipFailures() {}

  /** Whether {@code failure}, or one of its causes, is gzip data that ends early or is not gzip. */
  public static boolean isGzipFailure(Throwable failure) {
    return Causes.find(failure, EOFException.class) != null || Causes.find(failure, ZipException.class) != null;
  }

  /**
   * What is wrong: "it does not start with gzip's header", "it ends before its compressed data does",
   * "it goes on after its last gzip member with bytes that are no gzip member", or else "its compressed
   * data is corrupt".
   */
  public static String describe(Throwable failure) {
    if (Causes.find(failure, EOFException.class) != null) {
      return "it ends before its compressed data does";
    }
    ZipException zip = Causes.find(failure, ZipException.class);
    if (zip != null && "Not in GZIP format".equals(zip.getMessage())) {
      return "it does not start with gzip's header";
    }
    if (zip != null && GzipMembers.TRAILING.equals(zip.getMessage())) {
      return "it goes on after its last gzip member with bytes that are no gzip member";
    }
    return "its compressed data is corrupt";
  }
}
