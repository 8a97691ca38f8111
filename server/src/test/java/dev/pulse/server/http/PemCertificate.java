package dev.pulse.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's keytool, written as the two PEM files a
 * CA or certbot hands out: {@code cert.pem} and an unencrypted PKCS#8 {@code key.pem}.
 */
record PemCertificate(X509Certificate certificate, Path certFile, Path keyFile) {

  private static final char[] PASSWORD = "changeit".toCharArray();

  /**
   * Generates a key pair ({@code RSA}, {@code EC} or {@code Ed25519}) with a certificate valid for {@code days}, and
   * writes {@code name}.cert.pem and .key.pem.
   */
  static PemCertificate generate(Path dir, String name, String algorithm, int days)
      throws IOException, InterruptedException, GeneralSecurityException {
    return generate(dir, name, algorithm, days, "+0d");
  }

  /** As above, valid from {@code start} (keytool's {@code -startdate}, e.g. {@code -30d}). */
  static PemCertificate generate(Path dir, String name, String algorithm, int days, String start)
      throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve(name + ".p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", name, "-keyalg", algorithm, "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-startdate", start, "-validity", Integer.toString(days), "-storetype", "PKCS12", "-keystore",
        keystore.toString(), "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD);
    }
    Certificate certificate = store.getCertificate(name);
    Key key = store.getKey(name, PASSWORD);
    Path certFile = Files.writeString(dir.resolve(name + ".cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
    Path keyFile = Files.writeString(dir.resolve(name + ".key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    return new PemCertificate((X509Certificate) certificate, certFile, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
