package dev.pulse.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on loopback that misbehaves below HTTP: resets connections, never answers, or answers
 * fixed bytes (another protocol, or nothing) and closes.
 */
public final class RawServer implements AutoCloseable {

  /** How each connection is treated. */
  public enum Mode {
    /** Reads a little, then closes with RST (SO_LINGER 0). */
    RESET,
    /** Accepts and reads, never writes a byte. */
    SILENT,
    /** Writes its answer (or ends its side, answering nothing) and reads until the client closes. */
    ANSWER,
    /** Writes its answer, ends its side (as a server that closes after it), and reads until the client closes. */
    ANSWER_THEN_END
  }

  private final ServerSocket socket;
  private final Mode mode;
  private final String answer;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private RawServer(Mode mode, String answer) throws IOException {
    this.mode = mode;
    this.answer = answer;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "raw-server-" + mode);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server in this mode. */
  public static RawServer start(Mode mode) throws IOException {
    return new RawServer(mode, null);
  }

  /**
   * Starts a server that writes {@code answer} to each connection (null: ends its side at once, answering
   * nothing), then reads what the client sends until the client closes (or a second passes): closed
   * with the request unread, the socket would be reset, and the client could see the reset, or the end,
   * before the answer.
   */
  public static RawServer answering(String answer) throws IOException {
    return new RawServer(Mode.ANSWER, answer);
  }

  /** As {@link #answering}, then ends its side of each connection: the client reads the answer, then the end. */
  public static RawServer answeringThenEnding(String answer) throws IOException {
    return new RawServer(Mode.ANSWER_THEN_END, answer);
  }

  /** The base URL to use as {@code api-address}. */
  public String apiAddress() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "raw-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try {
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      if (mode == Mode.ANSWER || mode == Mode.ANSWER_THEN_END) {
        s.setSoTimeout(1_000); // the request comes at once; a client that keeps the socket is let go
        if (answer == null) {
          s.shutdownOutput();
        } else { // and the connection left open: the client reads the answer, not an end before it
          s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          if (mode == Mode.ANSWER_THEN_END) {
            s.shutdownOutput();
          }
        }
        in.transferTo(OutputStream.nullOutputStream());
        s.close();
        return;
      }
      if (mode == Mode.RESET) {
        in.read(buf);
        s.setSoLinger(true, 0);
        s.close();
        return;
      }
      while (in.read(buf) >= 0) {
        // Swallow everything, answer nothing.
      }
    } catch (IOException ignored) {
      // The client gave up.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
