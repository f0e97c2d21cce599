package io.tickmesh.peer.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test sink that keeps what reaches it in this JVM (the MiniCluster's tasks run here), under an id of
 * its own, for the test to read once the job has ended. Thread-safe: the sink's subtasks add at once.
 */
final class Collected<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> KEPT = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  Collected() {
    KEPT.put(id, new ConcurrentLinkedQueue<>());
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> queue = KEPT.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        queue.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }

  /** What reached the sink, in the order its subtasks added it; lets it go. */
  @SuppressWarnings("unchecked")
  List<T> take() {
    List<T> out = new ArrayList<>();
    for (Object o : KEPT.remove(id)) {
      out.add((T) o);
    }
    return out;
  }
}
