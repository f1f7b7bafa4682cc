package dev.phasekeeper.hooks.internal.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running script's stdin, stdout and stderr, each served by its own daemon thread so that neither
 * a full pipe nor a script that ignores its stdin can block the runner. Stdout keeps its head
 * (where a JSON result starts), stderr its tail (where the last error is).
 */
final class ScriptStreams {

  private static final Logger log = LoggerFactory.getLogger(ScriptStreams.class);

  private final Process process;
  private final int maxBytes;
  private final OutputCapture stdout;
  private final OutputCapture stderr;
  private final List<Thread> readers;
  private boolean complete = true;

  private ScriptStreams(Process process, int maxBytes) {
    this.process = process;
    this.maxBytes = maxBytes;
    this.stdout = OutputCapture.keepingHead(maxBytes);
    this.stderr = OutputCapture.keepingTail(maxBytes);
    this.readers =
        List.of(
            daemon("stdout", () -> stdout.drain(process.getInputStream())),
            daemon("stderr", () -> stderr.drain(process.getErrorStream())));
  }

  /** Starts reading the process's output at once. */
  static ScriptStreams attach(Process process, int maxBytes) {
    return new ScriptStreams(process, maxBytes);
  }

  /** Writes {@code stdin} (UTF-8) and closes it; closes it at once when {@code null}. */
  void writeStdin(String stdin) {
    OutputStream in = process.getOutputStream();
    if (stdin == null) {
      try {
        in.close();
      } catch (IOException e) {
        log.debug(
            "EXEC-003 closing the unused stdin of pid {} failed: {}",
            process.pid(),
            e.getMessage());
      }
      return;
    }
    daemon(
        "stdin",
        () -> {
          try (in) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            // A script may exit without reading its stdin (broken pipe): its right, not an error.
            log.debug(
                "EXEC-003 stdin of pid {} not fully written: {}", process.pid(), e.getMessage());
          }
        });
  }

  /**
   * Waits at most {@code grace} for the readers to reach the end of the output. A process that left
   * the script's tree (or a background child of a script that exited normally) may hold the pipes
   * open for much longer; then the output collected so far is kept and the readers are left.
   *
   * @return whether all output was read
   */
  boolean awaitOutput(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      for (Thread reader : readers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(reader, left);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    complete = readers.stream().noneMatch(Thread::isAlive);
    return complete;
  }

  String stdout() {
    return stdout.text();
  }

  String stderr() {
    return stderr.text();
  }

  boolean stdoutTruncated() {
    return stdout.truncated();
  }

  /** What operators should know about the output, as "; ..." clauses (empty when all is well). */
  String notes() {
    StringBuilder notes = new StringBuilder();
    if (stdout.truncated()) {
      notes
          .append("; stdout truncated to its first ")
          .append(maxBytes)
          .append(" of ")
          .append(stdout.totalBytes())
          .append(" bytes");
    }
    if (stderr.truncated()) {
      notes
          .append("; stderr truncated to its last ")
          .append(maxBytes)
          .append(" of ")
          .append(stderr.totalBytes())
          .append(" bytes");
    }
    if (!complete) {
      notes.append("; output incomplete: a background process kept stdout or stderr open");
    }
    for (OutputCapture capture : List.of(stdout, stderr)) {
      if (complete && capture.failure() != null) {
        notes.append("; reading output failed: ").append(capture.failure().getMessage());
      }
    }
    return notes.toString();
  }

  private Thread daemon(String stream, Runnable task) {
    Thread thread = new Thread(task, "script-" + process.pid() + "-" + stream);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
