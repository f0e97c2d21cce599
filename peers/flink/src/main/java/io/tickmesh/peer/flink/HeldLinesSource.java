package io.tickmesh.peer.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded Flink source (FLIP-27) over lines {@link HeldLines held} in this JVM: {@code stripes} splits,
 * one a reader, each emitting the raw bytes of its lines. Flink ships the source to the tasks by Java
 * serialization (its contract for sources, no choice there); it carries only the lines' id and the
 * stripe count.
 */
public record HeldLinesSource(String linesId, int stripes) implements Source<byte[], LineStripe, Collection<LineStripe>> {

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<byte[], LineStripe> createReader(SourceReaderContext readerContext) {
    return new IteratorSourceReader<>(readerContext);
  }

  @Override
  public SplitEnumerator<LineStripe, Collection<LineStripe>> createEnumerator(SplitEnumeratorContext<LineStripe> context) {
    List<LineStripe> all = new ArrayList<>();
    for (int k = 0; k < stripes; k++) {
      all.add(LineStripe.first(linesId, k, stripes));
    }
    return new StripeEnumerator(context, all);
  }

  @Override
  public SplitEnumerator<LineStripe, Collection<LineStripe>> restoreEnumerator(
      SplitEnumeratorContext<LineStripe> context, Collection<LineStripe> checkpoint) {
    return new StripeEnumerator(context, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<LineStripe> getSplitSerializer() {
    return LineStripeSerializer.SPLIT;
  }

  @Override
  public SimpleVersionedSerializer<Collection<LineStripe>> getEnumeratorCheckpointSerializer() {
    return LineStripeSerializer.CHECKPOINT;
  }
}
