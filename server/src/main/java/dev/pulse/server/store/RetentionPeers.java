package dev.pulse.server.store;

import java.time.Duration;
import java.util.Map;

/**
 * What the servers sharing a store keep of each kind of record, so that one server set to keep less
 * (a stray replica, a debugging server, a rolling change half done) deletes nothing another still
 * keeps: the retention job prunes at the longest retention any of them has said. Each server says
 * its own at every run; a server that stopped without saying so counts for {@link #STANDING}.
 * Thread-safe.
 */
public interface RetentionPeers {

  /** How long what a server said counts after it last said it. */
  Duration STANDING = Duration.ofDays(1);

  /** A store no other server shares: its retention is this server's own. */
  RetentionPeers ALONE = new RetentionPeers() {
    @Override
    public Map<RecordKind, Integer> longest(String server, Map<RecordKind, Integer> days) {
      return days;
    }

    @Override
    public void leave(String server) {}
  };

  /**
   * Says that {@code server} keeps each kind {@code days} days, and answers the longest any server
   * sharing the store keeps each kind, among those that said so within {@link #STANDING}, this one
   * included.
   *
   * @throws StoreException when the store cannot say
   */
  Map<RecordKind, Integer> longest(String server, Map<RecordKind, Integer> days);

  /** Forgets what {@code server} said: it stops. Quiet when the store cannot be reached. */
  void leave(String server);
}
