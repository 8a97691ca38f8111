package dev.pulse.cli;

import static dev.pulse.cli.Mistakes.FAILURE;
import static dev.pulse.cli.Mistakes.assertTold;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pulse send-test} to an address where something else than a Pulse server answers tells it in the
 * words {@code --server} uses, never Java's ("Invalid status line", "header parser received no bytes",
 * "Unrecognized SSL message").
 */
class SendTestWrongServerTest {

  @TempDir Path configHome;

  @Test
  void anAnswerThatIsNotHttpAHangUpAndPlainHttpToHttpsAreToldInWords() throws Exception {
    Map<String, String> env = Map.of("XDG_CONFIG_HOME", configHome.toString());
    try (Answering ssh = new Answering("SSH-2.0-OpenSSH_9.2\r\n");
        Answering hangsUp = new Answering(null);
        Answering plainHttp = new Answering("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
      // At once: each waits out the SDK's retries.
      PulseRun.Started sshRun = PulseRun.start(null, env, "send-test", "--api-address=http://127.0.0.1:" + ssh.port());
      PulseRun.Started closedRun =
          PulseRun.start(null, env, "send-test", "--api-address=http://127.0.0.1:" + hangsUp.port());
      PulseRun.Started noTlsRun =
          PulseRun.start(null, env, "send-test", "--api-address=https://127.0.0.1:" + plainHttp.port());
      PulseRun notHttp = sshRun.await();
      PulseRun closed = closedRun.await();
      PulseRun noTls = noTlsRun.await();

      // "not delivered: ..." or "not delivered within 10 s: ...", as the SDK's retries fall: the reason is the same.
      assertTold(notHttp, FAILURE, "the server at 127.0.0.1:" + ssh.port() + " answered something"
          + " that is not HTTP (it sent \"SSH-2.0-OpenSSH_9.2\"): is api-address the address of a Pulse server?");
      assertTold(closed, FAILURE, "the connection to 127.0.0.1:" + hangsUp.port() + " closed"
          + " before an answer came: is api-address the address of a Pulse server");
      assertTold(noTls, FAILURE, "the server at 127.0.0.1:" + plainHttp.port() + " does not speak"
          + " TLS: give api-address with http://");
      for (PulseRun run : new PulseRun[] {notHttp, closed, noTls}) {
        assertThat(run.output()).contains("The test event to ").contains(" was not delivered");
      }
      assertThat(notHttp.output() + closed.output() + noTls.output())
          .doesNotContain("Invalid status line", "header parser", "Unrecognized SSL", "plaintext connection?");
    }
  }

  /**
   * A TCP server that writes {@code answer} (null: nothing) to every connection, then ends its side and
   * reads what the client sent until the client closes (or a second passes): closed with the request
   * unread, the socket would be reset, and the client could see the reset before the answer.
   */
  private static final class Answering implements AutoCloseable {

    private final ServerSocket socket;

    Answering(String answer) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket connection = socket.accept()) {
            connection.setSoTimeout(1_000); // the request comes at once; a client that keeps the socket is let go
            if (answer != null) {
              OutputStream out = connection.getOutputStream();
              out.write(answer.getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
            connection.shutdownOutput();
            connection.getInputStream().transferTo(OutputStream.nullOutputStream());
          } catch (IOException e) {
            // closed at the end of the test, or the client went first
          }
        }
      }, "answering-" + socket.getLocalPort());
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
