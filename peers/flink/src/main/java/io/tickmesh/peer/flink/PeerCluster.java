package io.tickmesh.peer.flink;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A Flink MiniCluster in this JVM (one task manager, a slot per parallel task), started once for all
 * rounds and bound to 127.0.0.1 only: a run never sends traffic off the machine. Each round is a job of
 * its own, with fresh state. Not thread-safe: one round at a time.
 */
public final class PeerCluster implements AutoCloseable {
  private static final long JOB_TIMEOUT_MINUTES = 30;

  private final MiniCluster cluster;
  private final int parallelism;

  /**
   * One round: its time from job submit to job end, the part of it the job spent RUNNING by Flink's own
   * status stamps (the rest is submitting, scheduling and finishing), and the job's counters.
   */
  public record Round(long nanos, long runningMillis, Map<String, Object> counters) {
    /** The counter {@code name}, 0 if nothing was counted under it. */
    public long counter(String name) {
      Object value = counters.get(name);
      return value == null ? 0 : (Long) value;
    }
  }

  private PeerCluster(MiniCluster cluster, int parallelism) {
    this.cluster = cluster;
    this.parallelism = parallelism;
  }

  /** Starts a MiniCluster for jobs of {@code parallelism}. */
  public static PeerCluster start(int parallelism) throws Exception {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(config)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(parallelism)
        .setCommonBindAddress("127.0.0.1")
        .withRandomPorts()
        .build());
    cluster.start();
    return new PeerCluster(cluster, parallelism);
  }

  /** Runs the job over the lines held under {@code linesId}, its ends the tallies of a bench round. */
  public Round run(String linesId) throws Exception {
    return run(linesId, PeerCluster::tallies);
  }

  /**
   * Runs the job over the lines held under {@code linesId} with the ends {@code ends} attaches. The job
   * graph is built before the clock starts; the clock runs from the submit to the job's result.
   */
  public Round run(String linesId, Consumer<PeerJob.Streams> ends) throws Exception {
    StreamExecutionEnvironment env = new StreamExecutionEnvironment(PeerJob.settings(parallelism));
    ends.accept(PeerJob.build(env, linesId, parallelism));
    JobGraph job = env.getStreamGraph().getJobGraph();
    long start = System.nanoTime();
    var unused = cluster.submitJob(job).get(1, TimeUnit.MINUTES);
    JobResult result = cluster.requestJobResult(job.getJobID()).get(JOB_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    long nanos = System.nanoTime() - start;
    JobExecutionResult done = result.toJobExecutionResult(PeerCluster.class.getClassLoader()); // throws if the job failed
    ArchivedExecutionGraph graph = cluster.getArchivedExecutionGraph(job.getJobID()).get(1, TimeUnit.MINUTES);
    long running = graph.getStatusTimestamp(JobStatus.FINISHED) - graph.getStatusTimestamp(JobStatus.RUNNING);
    return new Round(nanos, running, done.getAllAccumulatorResults());
  }

  private static void tallies(PeerJob.Streams streams) {
    streams.bars1s().process(new BarTally("1s"), Types.VOID).name("tally 1s").sinkTo(new DiscardingSink<>());
    streams.bars1m().process(new BarTally("1m"), Types.VOID).name("tally 1m").sinkTo(new DiscardingSink<>());
    streams.latestQuotes().process(new QuoteTally(), Types.VOID).name("tally quotes").sinkTo(new DiscardingSink<>());
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
