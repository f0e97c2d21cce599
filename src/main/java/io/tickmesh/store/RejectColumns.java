package io.tickmesh.store;

import io.tickmesh.model.Timestamps;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Rejects (the JSON published on {@code rejects}) as column arrays for one UNNEST insert. */
final class RejectColumns {
  private final String[] feed;
  private final Long[] seq;
  private final Long[] line;
  private final String[] reason;
  private final String[] raw;
  private final Long[] ts;

  RejectColumns(List<JsonObject> rejects) {
    int n = rejects.size();
    feed = new String[n];
    seq = new Long[n];
    line = new Long[n];
    reason = new String[n];
    raw = new String[n];
    ts = new Long[n];
    for (int i = 0; i < n; i++) {
      JsonObject r = rejects.get(i);
      feed[i] = noNul(r.getString("feed"));
      seq[i] = r.getLong("seq");
      line[i] = r.getLong("line");
      reason[i] = noNul(r.getString("reason"));
      raw[i] = noNul(r.getString("raw", ""));
      ts[i] = Timestamps.parse(r.getString("ts"));
    }
  }

  /** PostgreSQL text cannot hold NUL: a second guard after the Reject record's own. */
  static String noNul(String text) {
    return text == null ? null : text.replace('\u0000', '\uFFFD');
  }

  Tuple tuple() {
    return Tuple.of(feed, seq, line, reason, raw, ts);
  }
}
