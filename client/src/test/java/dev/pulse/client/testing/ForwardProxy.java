package dev.pulse.client.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP forward proxy on a loopback port, for plain {@code http://} targets: it takes a request in
 * absolute form ({@code POST http://host:port/path HTTP/1.1}), sends it to {@code upstream} whatever
 * host it names, and relays the answer; one request per connection. With credentials set it answers
 * 407 to a request without the matching {@code Proxy-Authorization}. Records every request line.
 */
public final class ForwardProxy implements AutoCloseable {

  private final ServerSocket socket;
  private final int upstreamPort;
  private final String expectedAuthorization;
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  private ForwardProxy(int upstreamPort, String user, String password) throws IOException {
    this.upstreamPort = upstreamPort;
    this.expectedAuthorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "forward-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy to the server on loopback port {@code upstreamPort}. */
  public static ForwardProxy to(int upstreamPort) throws IOException {
    return new ForwardProxy(upstreamPort, null, null);
  }

  /** Same, asking for Basic credentials. */
  public static ForwardProxy withCredentials(int upstreamPort, String user, String password) throws IOException {
    return new ForwardProxy(upstreamPort, user, password);
  }

  /** {@code host:port} of the proxy. */
  public String address() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** The request lines of the requests passed on, in order. */
  public List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** The request lines answered with 407. */
  public List<String> refused() {
    return List.copyOf(refused);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread t = new Thread(() -> serve(client), "forward-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      byte[] body = in.readNBytes(contentLength(head));
      OutputStream out = client.getOutputStream();
      if (expectedAuthorization != null && !head.contains("proxy-authorization: " + expectedAuthorization)) {
        refused.add(head.get(0));
        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return;
      }
      requestLines.add(head.get(0));
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
        StringBuilder forwarded = new StringBuilder()
            .append(requestLine[0]).append(' ').append(URI.create(requestLine[1]).getRawPath()).append(" HTTP/1.1\r\n");
        for (String header : head.subList(1, head.size())) {
          if (!header.startsWith("proxy-") && !header.startsWith("connection:")) {
            forwarded.append(header).append("\r\n");
          }
        }
        forwarded.append("connection: close\r\n\r\n");
        OutputStream up = upstream.getOutputStream();
        up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
        up.write(body);
        up.flush();
        upstream.getInputStream().transferTo(out);
      }
    } catch (IOException | RuntimeException e) {
      // The client sees its connection close and retries as with any failed send.
    }
  }

  /** The request line and headers, header names in lower case; empty at end of stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        int colon = text.indexOf(':');
        lines.add(lines.isEmpty() || colon < 0 ? text
            : text.substring(0, colon).toLowerCase(Locale.ROOT) + ": " + text.substring(colon + 1).trim());
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static int contentLength(List<String> head) {
    return head.stream().filter(h -> h.startsWith("content-length: "))
        .map(h -> Integer.parseInt(h.substring("content-length: ".length()))).findFirst().orElse(0);
  }
}
