package com.example.standalone;

import dev.pulse.client.PulseTelemetry;
import dev.pulse.schema.ComponentType;

/**
 * A CLI that reports its command with the Pulse SDK. Its maintainer sends to a local {@code pulse
 * serve}; a user may point it elsewhere ({@code --api-address=...}) or turn it off
 * ({@code --telemetry-enabled=false}, {@code DO_NOT_TRACK=1}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    try (PulseTelemetry telemetry = PulseTelemetry.builder()
        .componentType(ComponentType.CLI)
        .version("1.0.0")
        .defaultApiAddress("http://localhost:8080")
        .firstRunNotice("standalone", System.err)
        .flags(args)
        .build()) {
      telemetry.reportCommand("standalone greet world");
      System.out.println("Hello, world. Telemetry "
          + (telemetry.isActive() ? "goes to " + telemetry.settings().endpoint() : "is off") + ".");
    }
  }
}
