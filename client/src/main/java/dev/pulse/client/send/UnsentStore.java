package dev.pulse.client.send;

import java.util.List;

/**
 * Keeps request bodies that could not be sent, for a later run (the CLI's spool file). Implementations
 * are bounded and never throw.
 */
public interface UnsentStore {

  /** Keeps these bodies; returns how many were kept (the rest were dropped by the bound). */
  int keep(List<String> bodies);

  /** Takes (and forgets) everything kept so far. */
  List<String> takeAll();
}
