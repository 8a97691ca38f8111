package dev.pulse.server.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The server's own TLS: a certificate chain and its private key, both PEM files (as certbot and most
 * CAs hand them out). The files are read again when they change, checked every {@code reloadCheck},
 * so a renewed certificate is served without a restart.
 *
 * @param certificate the certificate, followed by the intermediates ({@code fullchain.pem})
 * @param privateKey the key, unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----})
 * @param reloadCheck how often the files are checked for a change
 */
public record TlsFiles(Path certificate, Path privateKey, Duration reloadCheck) {

  /** How often the files are checked by default. */
  public static final Duration DEFAULT_RELOAD_CHECK = Duration.ofMinutes(1);

  public TlsFiles {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(reloadCheck, "reloadCheck");
    if (reloadCheck.isNegative() || reloadCheck.isZero()) {
      throw new IllegalArgumentException("reloadCheck must be positive, got " + reloadCheck);
    }
  }

  /** The two files, checked for a change every minute. */
  public TlsFiles(Path certificate, Path privateKey) {
    this(certificate, privateKey, DEFAULT_RELOAD_CHECK);
  }
}
