package dev.pulse.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on a loopback port in front of a real server that cuts each connection once it has
 * passed {@code limit} bytes of the server's answer: a network cut, or a server gone, mid-answer.
 */
final class CuttingRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int serverPort;
  private final long limit;

  private CuttingRelay(ServerSocket listener, int serverPort, long limit) {
    this.listener = listener;
    this.serverPort = serverPort;
    this.limit = limit;
  }

  static CuttingRelay start(int serverPort, long limit) throws IOException {
    CuttingRelay relay = new CuttingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), serverPort, limit);
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
        pump(client.getInputStream(), server.getOutputStream(), Long.MAX_VALUE, client, server);
        pump(server.getInputStream(), client.getOutputStream(), limit, client, server);
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Copies {@code in} to {@code out} on a thread of its own, up to {@code bytes}, then closes both sockets. */
  private static void pump(InputStream in, OutputStream out, long bytes, Socket a, Socket b) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      long left = bytes;
      try {
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
          out.write(buffer, 0, n);
          left -= n;
        }
      } catch (IOException ignored) {
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

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
