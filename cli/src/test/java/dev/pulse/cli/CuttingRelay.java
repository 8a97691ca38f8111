package dev.pulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP relay on a loopback port in front of a real server that cuts each connection once it has
 * passed {@code limit} bytes of the server's answer (a network cut, or a server gone, mid-answer), or
 * holds it there until {@link #release()} (a slow network, a stalled server).
 */
final class CuttingRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final long limit;
  private final CountDownLatch held; // null: cut at the limit

  private CuttingRelay(ServerSocket listener, int serverPort, long limit, CountDownLatch held) {
    this.listener = listener;
    this.serverPort = serverPort;
    this.limit = limit;
    this.held = held;
  }

  /** Cuts each connection after {@code limit} bytes of the answer. */
  static CuttingRelay start(int serverPort, long limit) throws IOException {
    return start(serverPort, limit, null);
  }

  /** Holds each answer after {@code limit} bytes, the connection open, until {@link #release()}. */
  static CuttingRelay holding(int serverPort, long limit) throws IOException {
    return start(serverPort, limit, new CountDownLatch(1));
  }

  private static CuttingRelay start(int serverPort, long limit, CountDownLatch held) throws IOException {
    CuttingRelay relay =
        new CuttingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverPort, limit, held);
    Thread accepting = new Thread(relay::accept, "cutting-relay");
    accepting.setDaemon(true);
    accepting.start();
    return relay;
  }

  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
        pump(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, null, client, server);
        pump(server.getInputStream(), client.getOutputStream(), limit, held, client, server);
      } catch (IOException closed) {
        return;
      }
    }
  }

  /**
   * Copies {@code in} to {@code out} on a thread of its own, up to {@code bytes}, then closes both
   * sockets; or, when {@code held}, waits for it there and copies the rest.
   */
  private static void pump(InputStream in, OutputStream out, long bytes, CountDownLatch held, Socket a, Socket b) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      long left = bytes;
      try {
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
          out.write(buffer, 0, n);
          left -= n;
          if (left == 0 && held != null) {
            held.await();
            left = Long.MAX_VALUE;
          }
        }
      } catch (IOException | InterruptedException ignored) {
        // Either side gone: close both.
      } finally {
        closeQuietly(a);
        closeQuietly(b);
      }
    }, "cutting-relay-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  /** Lets the held answers through. */
  void release() {
    held.countDown();
  }

  @Override
  public void close() throws IOException {
    if (held != null) {
      held.countDown();
    }
    listener.close();
  }
}
