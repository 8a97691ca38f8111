package dev.pulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for 127.0.0.1 and its key, made by the JDK's keytool, valid two days. */
final class SelfSignedKey {

  /** The key store's password, and its key's. */
  static final char[] PASSWORD = "changeit".toCharArray();

  /** The alias of the certificate and key in the store. */
  static final String ALIAS = "pulse";

  private SelfSignedKey() {}

  /** A PKCS12 store in {@code dir} holding them under {@link #ALIAS}. */
  static KeyStore store(Path dir, String algorithm) throws IOException, InterruptedException, GeneralSecurityException {
    Path keystore = dir.resolve("self-signed.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", ALIAS, "-keyalg", algorithm, "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass",
        new String(PASSWORD)).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }

  /** The certificate and the key as PEM files in {@code dir}, as {@code pulse serve --tls-cert/--tls-key} take them. */
  static List<Path> pemFiles(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    KeyStore keys = store(dir, "EC");
    return List.of(
        Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", keys.getCertificate(ALIAS).getEncoded())),
        Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", keys.getKey(ALIAS, PASSWORD).getEncoded())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
