package dev.phasekeeper.hooks.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phasekeeper.hooks.script.ScriptCancelledException;
import dev.phasekeeper.hooks.script.ScriptResult;
import dev.phasekeeper.hooks.script.ScriptStatus;
import dev.phasekeeper.hooks.script.ScriptWatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one local script the way the script contract says: argv as given (never through a shell), a
 * minimal environment plus the invocation's variables, stdin written then closed, stdout and stderr
 * captured up to a limit, the whole process tree killed on timeout. Status follows {@link
 * StatusRules}. A script that cannot run gives a FAILED result, not an exception. Where
 * util-linux's {@code setpriv} is installed, the script is started through it with a parent-death
 * signal, so it dies with the JVM: the thread that starts a script waits for it.
 */
public class ExecRunner {

  /** Variables passed on from the JVM's environment; nothing else is inherited. */
  static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG");

  private static final Logger log = LoggerFactory.getLogger(ExecRunner.class);
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(2);
  private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

  /** Starts a program with SIGKILL as its parent-death signal, then executes the script in it. */
  static final Path SETPRIV = Path.of("/usr/bin/setpriv");

  private final StatusRules statusRules;
  private final int maxOutputBytes;
  private final Map<String, String> baseEnvironment;
  private final List<String> launcher;

  public ExecRunner(ObjectMapper objectMapper, int maxOutputBytes) {
    this(
        objectMapper,
        maxOutputBytes,
        Files.isExecutable(SETPRIV)
            ? List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--")
            : List.of());
  }

  /**
   * @param launcher the program and arguments each script is started through, before its own argv
   *     (empty: started directly)
   */
  ExecRunner(ObjectMapper objectMapper, int maxOutputBytes, List<String> launcher) {
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
    }
    LaunchMechanism.preferVfork(Runtime.version());
    this.statusRules = new StatusRules(objectMapper);
    this.maxOutputBytes = maxOutputBytes;
    this.baseEnvironment = baseEnvironment(System.getenv());
    this.launcher = List.copyOf(launcher);
  }

  /**
   * Runs the script with a watch that only notes its pid, see {@link #run(ScriptInvocation,
   * ScriptWatch)}.
   */
  public ScriptResult run(ScriptInvocation invocation, LongConsumer onRunning) {
    Objects.requireNonNull(onRunning, "onRunning");
    return run(invocation, ScriptWatch.of(onRunning, () -> false));
  }

  /**
   * Runs the script and waits for it: at most its timeout, plus a short grace to kill it and
   * collect its output.
   *
   * @param watch receives the OS pid if the process still runs {@link #FIRST_POLL} after it started
   *     (a script that ends sooner, as most hooks do, has its pid in its result only, so nothing is
   *     written while it starts); if that throws, the process tree is killed and the exception
   *     propagates; it is asked at each poll whether the run was cancelled
   * @throws IllegalStateException when the calling thread is interrupted (the tree is killed first)
   * @throws ScriptCancelledException when the watch cancelled the run (the tree is killed first)
   */
  public ScriptResult run(ScriptInvocation invocation, ScriptWatch watch) {
    Objects.requireNonNull(watch, "watch");
    Instant startedAt = Instant.now();
    String refusal = refusal(invocation);
    if (refusal != null) {
      return ScriptResult.notStarted(refusal, startedAt);
    }
    Process process;
    try {
      process = processBuilder(invocation).start();
    } catch (IOException e) {
      return ScriptResult.notStarted(
          "cannot start " + invocation.executable() + ": " + e.getMessage(), startedAt);
    }
    ProcessTree tree = new ProcessTree(process.toHandle());
    ScriptStreams streams = ScriptStreams.attach(process, maxOutputBytes);
    streams.writeStdin(invocation.stdin());
    boolean timedOut = !awaitExit(process, tree, invocation.timeout(), watch);
    if (timedOut) {
      int killed = tree.killAll();
      log.warn(
          "EXEC-001 script {} (pid {}) timed out after {} s; killed {} processes",
          invocation.executable(),
          process.pid(),
          seconds(invocation.timeout()),
          killed);
    }
    if (!streams.awaitOutput(OUTPUT_GRACE)) {
      log.warn(
          "EXEC-002 script {} (pid {}) ended but a background process keeps its output open; "
              + "output after {} s is not collected",
          invocation.executable(),
          process.pid(),
          seconds(OUTPUT_GRACE));
    }
    int exitCode = timedOut || process.isAlive() ? -1 : process.exitValue();
    return result(invocation, process.pid(), exitCode, timedOut, streams, startedAt);
  }

  private static String refusal(ScriptInvocation invocation) {
    Path executable = invocation.executable();
    if (!Files.exists(executable)) {
      return "script " + executable + " does not exist";
    }
    if (!Files.isRegularFile(executable)) {
      return "script " + executable + " is not a regular file";
    }
    if (!Files.isExecutable(executable)) {
      return "script " + executable + " is not executable (chmod +x it)";
    }
    for (int i = 0; i < invocation.arguments().size(); i++) {
      if (invocation.arguments().get(i).indexOf('\0') >= 0) {
        return "argument "
            + (i + 1)
            + " contains a NUL character, which cannot be passed to a process";
      }
    }
    for (Map.Entry<String, String> variable : invocation.environment().entrySet()) {
      if (variable.getValue().indexOf('\0') >= 0) {
        return "environment variable " + variable.getKey() + " contains a NUL character";
      }
    }
    return null;
  }

  private ProcessBuilder processBuilder(ScriptInvocation invocation) {
    List<String> argv = new ArrayList<>(launcher.size() + invocation.arguments().size() + 1);
    argv.addAll(launcher);
    argv.add(invocation.executable().toString());
    argv.addAll(invocation.arguments());
    ProcessBuilder builder =
        new ProcessBuilder(argv).directory(invocation.effectiveWorkingDirectory().toFile());
    Map<String, String> environment = builder.environment();
    environment.clear();
    environment.putAll(baseEnvironment);
    environment.putAll(invocation.environment());
    return builder;
  }

  private static Map<String, String> baseEnvironment(Map<String, String> jvmEnvironment) {
    Map<String, String> base = new LinkedHashMap<>();
    for (String name : INHERITED_VARIABLES) {
      String value = jvmEnvironment.get(name);
      if (value != null) {
        base.put(name, value);
      }
    }
    base.putIfAbsent("PATH", DEFAULT_PATH);
    return Map.copyOf(base);
  }

  /**
   * Waits for the script to exit, remembering its descendants along the way (polling quickly at
   * first, then every {@link #LONGEST_POLL}) so grandchildren that get re-parented are still
   * killed.
   *
   * @return false when the timeout passed first
   */
  private static boolean awaitExit(
      Process process, ProcessTree tree, Duration timeout, ScriptWatch watch) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration poll = FIRST_POLL;
    boolean reported = false;
    try {
      while (System.nanoTime() < deadline) {
        long left = deadline - System.nanoTime();
        if (process.waitFor(Math.min(left, poll.toNanos()), TimeUnit.NANOSECONDS)) {
          return true;
        }
        if (!reported) {
          reported = true;
          report(watch, process.pid(), tree);
        }
        if (watch.cancelled()) {
          int killed = tree.killAll();
          throw new ScriptCancelledException(
              "script pid "
                  + process.pid()
                  + " was cancelled while it ran; killed "
                  + killed
                  + " processes");
        }
        tree.observe();
        poll =
            poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
      }
      return !process.isAlive();
    } catch (InterruptedException e) {
      tree.killAll();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for script pid "
              + process.pid()
              + "; its process tree was killed",
          e);
    }
  }

  private static void report(ScriptWatch watch, long pid, ProcessTree tree) {
    try {
      watch.running(pid);
    } catch (RuntimeException e) {
      tree.killAll();
      throw e;
    }
  }

  private ScriptResult result(
      ScriptInvocation invocation,
      long pid,
      int exitCode,
      boolean timedOut,
      ScriptStreams streams,
      Instant startedAt) {
    String stdout = streams.stdout();
    JsonNode json = streams.stdoutTruncated() ? null : statusRules.jsonObject(stdout);
    StatusRules.Outcome outcome =
        timedOut
            ? new StatusRules.Outcome(
                ScriptStatus.FAILED, "timed out after " + seconds(invocation.timeout()) + " s")
            : statusRules.decide(json, exitCode);
    return new ScriptResult(
        exitCode,
        stdout,
        streams.stderr(),
        json,
        outcome.status(),
        timedOut,
        pid,
        startedAt,
        Instant.now(),
        outcome.message() + streams.notes());
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }
}
