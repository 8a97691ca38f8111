package dev.pulse.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Real loopback servers that stop answering: one accepts connections and never answers, one sends an
 * answer's headers and first bytes and then nothing more (both hold on until closed), and one hangs
 * up at once, after bytes that are no HTTP answer or none.
 */
final class Stalling {

  private Stalling() {}

  /** A loopback listener whose thread hands every connection to {@code accepted}, until it is closed. */
  private static ServerSocket listen(String name, Consumer<Socket> accepted) throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          accepted.accept(socket.accept());
        }
      } catch (IOException closed) {
        // closing the socket ends it
      }
    }, name);
    acceptor.setDaemon(true);
    acceptor.start();
    return socket;
  }

  /** Accepts every connection, reads nothing, answers nothing. */
  static final class NeverAnswers implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch connected = new CountDownLatch(1);

    NeverAnswers() throws IOException {
      socket = listen("never-answers", client -> {
        held.add(client);
        connected.countDown();
      });
    }

    /** Waits (up to 60 s) until a client has connected. */
    void awaitConnection() throws InterruptedException {
      if (!connected.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("no client connected within 60 s");
      }
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : held) {
        s.close();
      }
    }
  }

  /** Answers 200 with these headers and {@code firstBytes} of a body, then sends nothing until closed. */
  static final class FallsSilent implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

    FallsSilent(Map<String, String> headers, byte[] firstBytes) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/", exchange -> {
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(200, 0); // chunked: no end announced
        OutputStream out = exchange.getResponseBody();
        out.write(firstBytes);
        out.flush();
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      closed.countDown();
      server.stop(0);
    }
  }

  /** Accepts every connection, reads the request's first bytes, writes {@code bytes} and closes it. */
  static final class HangsUp implements AutoCloseable {
    private final ServerSocket socket;

    HangsUp(byte[] bytes) throws IOException {
      socket = listen("hangs-up", client -> {
        try (client) {
          client.getInputStream().read(new byte[8192]); // so that the close is no reset of unread bytes
          client.getOutputStream().write(bytes);
        } catch (IOException clientGone) {
          // the next one
        }
      });
    }

    String url() {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
