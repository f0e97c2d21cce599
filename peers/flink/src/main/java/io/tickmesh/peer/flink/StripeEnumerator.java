package io.tickmesh.peer.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands stripe k to the reader of subtask k, and no more splits after it, so that each reader reads one
 * stripe whatever the order in which the readers ask. Flink calls it from the coordinator's single
 * thread.
 */
final class StripeEnumerator implements SplitEnumerator<LineStripe, Collection<LineStripe>> {
  private final SplitEnumeratorContext<LineStripe> context;
  private final Map<Integer, LineStripe> unassigned = new TreeMap<>();

  StripeEnumerator(SplitEnumeratorContext<LineStripe> context, Collection<LineStripe> stripes) {
    this.context = context;
    stripes.forEach(s -> unassigned.put(s.stripe(), s));
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    LineStripe stripe = unassigned.remove(subtaskId);
    if (stripe != null) {
      context.assignSplit(stripe, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<LineStripe> splits, int subtaskId) {
    splits.forEach(s -> unassigned.put(s.stripe(), s));
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public Collection<LineStripe> snapshotState(long checkpointId) {
    return new ArrayList<>(unassigned.values());
  }

  @Override
  public void close() {}
}
