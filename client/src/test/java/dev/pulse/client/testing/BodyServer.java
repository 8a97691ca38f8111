package dev.pulse.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 endpoint on loopback, written on raw sockets, whose answers misbehave in their body:
 * {@link #huge} announces 2 GiB and sends {@code {} as fast as the client reads (up to {@link
 * #HUGE_CAP}, then holds the connection open); {@link #trickle} sends its headers at once, then one
 * byte every 50 ms. Records how many requests came, how many body bytes went out and whether the
 * client hung up.
 */
public final class BodyServer implements AutoCloseable {

  /** The most a huge answer actually sends before it holds the connection, so a test never runs away. */
  public static final long HUGE_CAP = 64L * 1024 * 1024;

  private final ServerSocket socket;
  private final int status;
  private final boolean trickle;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger hangUps = new AtomicInteger();
  private final AtomicLong bodyBytes = new AtomicLong();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private BodyServer(int status, boolean trickle) throws IOException {
    this.status = status;
    this.trickle = trickle;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "body-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers {@code status} with a 2 GiB body of {@code {}. */
  public static BodyServer huge(int status) throws IOException {
    return new BodyServer(status, false);
  }

  /** Answers 200 with a 1000-byte body sent one byte every 50 ms (50 s in all). */
  public static BodyServer trickle() throws IOException {
    return new BodyServer(200, true);
  }

  /** The base URL to use as {@code api-address}. */
  public String apiAddress() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** Requests received so far. */
  public int requests() {
    return requests.get();
  }

  /** Connections the client closed before the body was whole. */
  public int hangUps() {
    return hangUps.get();
  }

  /** Body bytes written so far, over all connections. */
  public long bodyBytes() {
    return bodyBytes.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        open.add(s);
        Thread t = new Thread(() -> serve(s), "body-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = s.getInputStream();
      readRequest(in);
      requests.incrementAndGet();
      OutputStream out = s.getOutputStream();
      long length = trickle ? 1000 : 2L * 1024 * 1024 * 1024;
      out.write(("HTTP/1.1 " + status + " Whatever\r\nContent-Type: application/json\r\nContent-Length: "
          + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (trickle) {
        for (int i = 0; i < length; i++) {
          out.write(' ');
          out.flush();
          bodyBytes.incrementAndGet();
          Thread.sleep(50); // the misbehaviour itself: a body that trickles
        }
        return;
      }
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) '{');
      while (bodyBytes.get() < HUGE_CAP) {
        out.write(chunk);
        bodyBytes.addAndGet(chunk.length);
      }
      while (in.read() >= 0) {
        // Hold the connection until the client closes it.
      }
      hangUps.incrementAndGet();
    } catch (IOException e) {
      hangUps.incrementAndGet(); // a write or read failed: the client hung up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads the request head and its Content-Length body. */
  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the request ended early");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    long length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes((int) length);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
