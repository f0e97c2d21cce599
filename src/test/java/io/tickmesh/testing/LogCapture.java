package io.tickmesh.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records what an in-process node logs at WARN and above (the levels of logback-test.xml), so a test can
 * hold the log to its promises: no ERROR for a client's mistake, no stack trace, one line per client.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Everything logged so far. */
  public List<ILoggingEvent> events() {
    synchronized (appender) { // logback appends under the appender's own lock
      return new ArrayList<>(appender.list);
    }
  }

  /** The events at {@code level} or above. */
  public List<ILoggingEvent> atLeast(Level level) {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
  }

  /** One line per event, for assertion messages. */
  public static String show(List<ILoggingEvent> events) {
    StringBuilder sb = new StringBuilder();
    events.forEach(e -> sb.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(": ")
        .append(e.getFormattedMessage()).append(e.getThrowableProxy() == null ? "" : " [" + e.getThrowableProxy().getClassName() + "]")
        .append('\n'));
    return sb.toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
