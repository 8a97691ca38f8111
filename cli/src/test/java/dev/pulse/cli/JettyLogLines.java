package dev.pulse.cli;

import dev.pulse.cli.logging.LogbackSetup;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JVM that logs, through the loggers of Jetty and Javalin and the logging of {@code pulse}
 * ({@link LogbackSetup}), lines worded as Jetty words those that carry a client's address, for
 * {@link LogMasksAddressesTest} to read.
 */
final class JettyLogLines {

  private JettyLogLines() {}

  public static void main(String[] args) {
    Logger channel = LoggerFactory.getLogger("org.eclipse.jetty.server.HttpChannelState");
    // Jetty 11's words, with the end point as it prints it (local and remote address and port).
    channel.warn("Pending read in onCompleted {} {}", "HttpChannelState@5e1f{s=IDLE,rs=COMPLETED}",
        "SocketChannelEndPoint@1b2c{l=/127.0.0.1:8080,r=/127.0.0.1:54321,OPEN,fill=-,flush=-,to=3/30000}");
    channel.warn("bad message", new IllegalStateException("BadMessageException 400 from /10.1.2.3:443",
        new IOException("connection reset by 2001:db8::7")));
    LoggerFactory.getLogger("io.javalin.Javalin")
        .warn("clients /[0:0:0:0:0:0:0:1]:54321, [::1]:443, fe80::1%eth0 and ::ffff:192.168.7.9");
    LoggerFactory.getLogger("org.eclipse.jetty.server.Server")
        .warn("Stopped Server@32e4450c{STOPPING}[11.0.25,sto=60000] at 13:24:01");
  }
}
