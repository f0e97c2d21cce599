package io.tickmesh.cluster;

import io.tickmesh.codec.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a split brain from the minority's side. A node cut off from the majority sees itself alone and owns
 * nothing; once the network heals, Hazelcast merges it back only after its split-brain handler finds the
 * other cluster: 40 s to well over 100 s in the runs here. Meanwhile the node is healthy, reachable and
 * useless. So while it has a quorum, this verticle remembers the HTTP address of every other member; once it
 * has had no quorum for {@link #GRACE_NANOS}, it asks them, every {@link #PROBE_MS}, for their
 * {@code /api/v1/cluster}. A member that answers with a quorum of members that leaves this node out proves
 * the majority runs without it although the network is back: the node says so on {@code tm.cluster.isolated}
 * and exits with code 75 for its supervisor to start it again, as a woken zombie does
 * ({@link MembershipVerticle}); a fresh start joins at once. A member that does not answer (still cut off,
 * or dead: a quorum loss) changes nothing.
 *
 * <p>Threading: its event loop; the HTTP client's requests each time out after {@link #REQUEST_MS}.
 */
public final class RejoinProbeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RejoinProbeVerticle.class);
  /** Without a quorum this long first: time for Hazelcast to keep or merge a member on its own after a blip. */
  static final long GRACE_NANOS = 10_000_000_000L;
  static final long PROBE_MS = 2_000;
  private static final long REQUEST_MS = 1_500;
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final String self;
  private final String host;
  /** The other members' HTTP addresses ({@code host:port}) as last heard while this node had a quorum. */
  private final Map<String, String> peers = new TreeMap<>();
  private HttpClient client;
  private ClusterView view;
  /** When this node lost its quorum; 0 while it has one. */
  private long lostAt;
  private boolean probing;
  private boolean isolated;

  /**
   * The probe of node {@code self}, whose servers bind to {@code host}: its requests leave from there too
   * (unless it is the wildcard), so they go where the node's cluster traffic goes, and are cut where it is.
   */
  public RejoinProbeVerticle(String self, String host) {
    this.self = self;
    this.host = host;
  }

  @Override
  public Future<?> start() {
    boolean wildcard = host.equals("0.0.0.0") || host.equals("::");
    client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) REQUEST_MS).setKeepAlive(false)
        .setLocalAddress(wildcard ? null : host));
    var views = vertx.eventBus().<ClusterView>localConsumer(Addresses.CLUSTER_VIEW, m -> onView(m.body()));
    var unused = vertx.setPeriodic(PROBE_MS, id -> probe());
    return views.completion();
  }

  private void onView(ClusterView next) {
    view = next;
    if (next.hasQuorum()) {
      lostAt = 0;
      learnPeers(next);
    } else if (lostAt == 0) {
      lostAt = System.nanoTime();
    }
  }

  /** Asks every other member for its HTTP address ({@code tm.node.<id>.info}); members that do not answer keep theirs. */
  private void learnPeers(ClusterView current) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(REQUEST_MS);
    for (String member : current.members()) {
      if (member.equals(self)) {
        continue;
      }
      vertx.eventBus().<JsonObject>request(Addresses.nodeInfo(member), "", options).onComplete(ar -> {
        String http = ar.succeeded() && ar.result().body() != null ? ar.result().body().getString("http") : null;
        if (http != null && http.indexOf(':') > 0) {
          peers.put(member, http);
        }
      });
    }
  }

  private void probe() {
    if (isolated || probing || view == null || lostAt == 0 || System.nanoTime() - lostAt < GRACE_NANOS || peers.isEmpty()) {
      return;
    }
    probing = true;
    List<Future<Optional<String>>> answers = new ArrayList<>();
    peers.forEach((name, http) -> answers.add(ask(name, http)));
    Future.join(answers).onComplete(ar -> {
      probing = false;
      Optional<String> proof = answers.stream().filter(Future::succeeded).map(Future::result).flatMap(Optional::stream).findFirst();
      if (proof.isPresent() && !isolated && lostAt != 0) {
        isolated = true;
        LOG.atError().addKeyValue("withoutQuorumMs", (System.nanoTime() - lostAt) / 1_000_000)
            .log("the network is back but the majority runs without this node ({}): it exits (code 75) to be restarted, and a"
                + " fresh start rejoins the cluster", proof.get());
        vertx.eventBus().publish(Addresses.NODE_ISOLATED, self);
      }
    });
  }

  /** {@code GET /api/v1/cluster} of one peer: a proof that it has a quorum without this node, or empty. */
  private Future<Optional<String>> ask(String name, String http) {
    int colon = http.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(http.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Future.succeededFuture(Optional.empty());
    }
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(http.substring(0, colon)).setPort(port)
        .setURI("/api/v1/cluster").setTimeout(REQUEST_MS);
    return client.request(request)
        .compose(req -> req.send())
        .compose(resp -> resp.statusCode() == 200 ? resp.body() : Future.succeededFuture(null))
        .map(body -> body == null || body.length() > MAX_ANSWER_BYTES ? Optional.<String>empty() : outside(name, body.toString(), self))
        .otherwise(Optional.empty());
  }

  /**
   * Whether {@code answer}, the {@code /api/v1/cluster} of member {@code name}, proves that a quorum runs
   * without {@code self}: it has a quorum and its members leave {@code self} out. Anything else, a malformed
   * answer included, proves nothing.
   */
  static Optional<String> outside(String name, String answer, String self) {
    JsonObject cluster;
    try {
      cluster = new JsonObject(answer);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Object quorum = cluster.getValue("quorum");
    Object members = cluster.getValue("members");
    if (!Boolean.TRUE.equals(quorum) || !(members instanceof JsonArray list) || list.isEmpty()
        || !list.stream().allMatch(String.class::isInstance) || list.contains(self)) {
      return Optional.empty();
    }
    return Optional.of(name + " has a quorum with " + String.join(", ", list.stream().map(String.class::cast).toList()));
  }

  @Override
  public Future<?> stop() {
    return client == null ? Future.succeededFuture() : client.close();
  }
}
