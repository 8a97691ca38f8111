package dev.pulse.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1/localhost made with the JDK's keytool: a PKCS12 keystore for
 * the server and the PEM certificate to hand to the client as its CA.
 */
public final class SelfSignedTls {

  private static final char[] PASSWORD = "changeit".toCharArray();

  private final Path keystore;
  private final Path caPem;

  private SelfSignedTls(Path keystore, Path caPem) {
    this.keystore = keystore;
    this.caPem = caPem;
  }

  /** Generates a key pair and certificate into {@code dir}. */
  public static SelfSignedTls generate(Path dir, String alias) throws IOException, InterruptedException {
    Path keystore = dir.resolve(alias + ".p12");
    Path pem = dir.resolve(alias + ".crt");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(List.of(keytool, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", new String(PASSWORD),
        "-keypass", new String(PASSWORD)));
    run(List.of(keytool, "-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(),
        "-storepass", new String(PASSWORD), "-file", pem.toString()));
    return new SelfSignedTls(keystore, pem);
  }

  /** The certificate in PEM, as a pod's {@code ca.crt}. */
  public Path caPem() {
    return caPem;
  }

  /** A server-side TLS context with this key. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + command + "\n" + output);
    }
  }
}
