package io.tickmesh.testing;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Asks /health/ready over and over on a thread of its own, keeping every answer that is not 200. */
public final class ReadinessWatch {
  private final Http http;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<String> notReady = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final AtomicInteger polls = new AtomicInteger();

  public ReadinessWatch(Http http) {
    this.http = http;
    this.thread = new Thread(this::watch, "readiness-watch");
  }

  public void start() {
    thread.start();
  }

  public void stop() throws InterruptedException {
    running.set(false);
    thread.join(30_000);
  }

  public int polls() {
    return polls.get();
  }

  public List<String> notReady() {
    return List.copyOf(notReady);
  }

  private void watch() {
    while (running.get()) {
      try {
        Http.Answer answer = http.get("/health/ready");
        if (answer.status() != 200) {
          notReady.add(answer.status() + " " + answer.body());
        }
      } catch (Exception e) {
        notReady.add(e.toString());
      }
      polls.incrementAndGet();
      try {
        Thread.sleep(100); // one readiness check every 100 ms, as a load balancer would ask
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
