package io.tickmesh.peer.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Flink's versioned binary form of stripes: one for a split, one for the enumerator's list of them. */
final class LineStripeSerializer {
  /** A single split. */
  static final SimpleVersionedSerializer<LineStripe> SPLIT = new SimpleVersionedSerializer<>() {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(LineStripe stripe) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(64);
      write(stripe, out);
      return out.getCopyOfBuffer();
    }

    @Override
    public LineStripe deserialize(int version, byte[] bytes) throws IOException {
      return read(new DataInputDeserializer(bytes));
    }
  };

  /** The stripes the enumerator has not handed out yet. */
  static final SimpleVersionedSerializer<Collection<LineStripe>> CHECKPOINT = new SimpleVersionedSerializer<>() {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Collection<LineStripe> stripes) throws IOException {
      DataOutputSerializer out = new DataOutputSerializer(64);
      out.writeInt(stripes.size());
      for (LineStripe stripe : stripes) {
        write(stripe, out);
      }
      return out.getCopyOfBuffer();
    }

    @Override
    public Collection<LineStripe> deserialize(int version, byte[] bytes) throws IOException {
      DataInputDeserializer in = new DataInputDeserializer(bytes);
      int n = in.readInt();
      List<LineStripe> stripes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        stripes.add(read(in));
      }
      return stripes;
    }
  };

  private LineStripeSerializer() {}

  private static void write(LineStripe stripe, DataOutputView out) throws IOException {
    out.writeUTF(stripe.linesId());
    out.writeInt(stripe.stripe());
    out.writeInt(stripe.stripes());
    out.writeInt(stripe.next());
  }

  private static LineStripe read(DataInputView in) throws IOException {
    return new LineStripe(in.readUTF(), in.readInt(), in.readInt(), in.readInt());
  }
}
