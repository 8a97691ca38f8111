package dev.pulse.server.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link TlsFiles} into an in-memory key store for Jetty, with the JDK alone. Every refusal
 * names the file and what to do: a missing file, no certificate, a key in a form the JDK does not
 * read (PKCS#1, SEC1 or encrypted: {@code openssl pkcs8} converts it), a key that is not the
 * certificate's.
 */
final class PemKeyStore {

  static final char[] PASSWORD = "pulse".toCharArray(); // in memory only: Jetty needs one
  static final String ALIAS = "pulse";

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private PemKeyStore() {}

  /** The key and its chain, as an in-memory PKCS#12 store under {@link #ALIAS}. */
  static KeyStore load(TlsFiles files) {
    List<Certificate> chain = certificates(files);
    if (chain.get(0) instanceof X509Certificate leaf && leaf.getNotAfter().toInstant().isBefore(Instant.now())) {
      throw new IllegalArgumentException("the certificate in " + files.certificate() + " expired on "
          + leaf.getNotAfter().toInstant() + ": every client would refuse it; give a renewed one (renewed files"
          + " are picked up without a restart)");
    }
    PrivateKey key = privateKey(files);
    if (!signsFor(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("the key in " + files.privateKey() + " is not the key of the certificate"
          + " in " + files.certificate() + ": give the key the certificate was issued for");
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, PASSWORD);
      store.setKeyEntry(ALIAS, key, PASSWORD, chain.toArray(Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot use " + files.privateKey() + " with " + files.certificate() + ": "
          + e.getMessage(), e);
    }
  }

  // Whether a signature by the key verifies with the certificate's public key.
  private static boolean signsFor(PrivateKey key, PublicKey certified) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm(); // Ed25519, EdDSA
    };
    try {
      byte[] challenge = "pulse".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a key of another algorithm than the certificate's
    }
  }

  private static List<Certificate> certificates(TlsFiles files) {
    String text = read(files.certificate(), "--tls-cert");
    try {
      List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(files.certificate()
            + " holds no certificate: give the PEM file that starts with -----BEGIN CERTIFICATE----- (--tls-cert)");
      }
      return chain;
    } catch (CertificateException e) {
      throw new IllegalArgumentException(files.certificate()
          + " is not a PEM certificate: give the file that starts with -----BEGIN CERTIFICATE----- (--tls-cert)", e);
    }
  }

  private static PrivateKey privateKey(TlsFiles files) {
    String text = read(files.privateKey(), "--tls-key");
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      String type = block.group(1);
      if (type.equals("PRIVATE KEY")) {
        byte[] der = Base64.getMimeDecoder().decode(block.group(2));
        return decode(der, files);
      }
      if (type.endsWith("PRIVATE KEY")) { // RSA, EC, ENCRYPTED
        throw new IllegalArgumentException(files.privateKey() + " holds " + article(type) + " " + type
            + ", which Pulse does not read:"
            + " convert it to unencrypted PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt -in " + files.privateKey()
            + " -out key.pem' and give that file (--tls-key)");
      }
    }
    throw new IllegalArgumentException(files.privateKey()
        + " holds no private key: give the PEM file that starts with -----BEGIN PRIVATE KEY----- (--tls-key)");
  }

  private static PrivateKey decode(byte[] der, TlsFiles files) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new IllegalArgumentException(files.privateKey() + " holds a key of an algorithm Java cannot read"
        + " (RSA, EC and Ed25519 are read): give such a key (--tls-key)");
  }

  private static String read(Path path, String flag) {
    try {
      return Files.readString(path, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read " + path + " (" + flag + "): no such file", e);
    } catch (AccessDeniedException e) {
      throw new UncheckedIOException("cannot read " + path + " (" + flag + "): permission denied", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " (" + flag + "): " + e.getMessage(), e);
    }
  }

  /**
   * "a" or "an" before a PEM type, as it is read aloud: an RSA, an EC, an ENCRYPTED, an OPENSSH, but a DSA
   * (a short first word is spelt letter by letter).
   */
  private static String article(String type) {
    String word = type.split(" ", 2)[0];
    char first = word.isEmpty() ? 'X' : Character.toUpperCase(word.charAt(0));
    boolean vowelSound = "AEIOU".indexOf(first) >= 0 || word.length() <= 4 && "FHLMNRSX".indexOf(first) >= 0;
    return vowelSound ? "an" : "a";
  }
}
