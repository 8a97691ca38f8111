package dev.pulse.client.send;

import java.util.List;

/**
 * Keeps request bodies that could not be sent, for a later run (the CLI's spool file). Implementations
 * are bounded and never throw.
 */
public interface UnsentStore {

  /**
   * Keeps these bodies after those kept before; past the bound, the oldest go first. Returns every body
   * this dropped: of these, those refused or pushed out (all of them when nothing could be kept), and
   * of those kept before, those pushed out.
   */
  List<String> keep(List<String> bodies);

  /** Takes (and forgets) everything kept so far. */
  List<String> takeAll();
}
