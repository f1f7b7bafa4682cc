package dev.phasekeeper.hooks.internal.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one local script the way the script contract says: argv as given (never through a shell),
 * a minimal environment plus the invocation's variables, stdin written then closed, stdout and
 * stderr captured up to a limit, the whole process tree killed on timeout.
 *
 * <p>Status: a JSON object on stdout with a {@code status} field decides (succeeded, failed,
 * waiting); otherwise exit code 0 is {@link ScriptStatus#SUCCEEDED} and anything else
 * {@link ScriptStatus#FAILED}. A script that cannot run gives a FAILED result, not an exception.
 */
public class ExecRunner {

  /** Variables passed on from the JVM's environment; nothing else is inherited. */
  static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG");

  private static final Logger log = LoggerFactory.getLogger(ExecRunner.class);
  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
  private static final Duration FIRST_POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_POLL = Duration.ofSeconds(2);
  private static final Duration READER_GRACE = Duration.ofSeconds(2);

  private final ObjectReader jsonReader;
  private final int maxOutputBytes;
  private final Map<String, String> baseEnvironment;

  public ExecRunner(ObjectMapper objectMapper, int maxOutputBytes) {
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, was " + maxOutputBytes);
    }
    this.jsonReader = objectMapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.maxOutputBytes = maxOutputBytes;
    this.baseEnvironment = baseEnvironment(System.getenv());
  }

  /**
   * Runs the script and waits for it (at most its timeout, plus a short grace to collect output).
   * @param onStarted receives the OS pid right after the process started
   */
  public ScriptResult run(ScriptInvocation invocation, LongConsumer onStarted) {
    Objects.requireNonNull(onStarted, "onStarted");
    Instant startedAt = Instant.now();
    String refusal = refusal(invocation);
    if (refusal != null) {
      return ScriptResult.notStarted(refusal, startedAt);
    }
    Process process;
    try {
      process = processBuilder(invocation).start();
    }
    catch (IOException e) {
      return ScriptResult.notStarted("cannot start " + invocation.executable() + ": " + e.getMessage(), startedAt);
    }
    long pid = process.pid();
    ProcessTree tree = new ProcessTree(process.toHandle());
    OutputCapture stdout = OutputCapture.keepingHead(maxOutputBytes);
    OutputCapture stderr = OutputCapture.keepingTail(maxOutputBytes);
    List<Thread> readers = List.of(
        daemon("script-" + pid + "-stdout", () -> stdout.drain(process.getInputStream())),
        daemon("script-" + pid + "-stderr", () -> stderr.drain(process.getErrorStream())));
    try {
      onStarted.accept(pid);
    }
    catch (RuntimeException e) {
      tree.killAll();
      throw e;
    }
    writeStdin(process, invocation.stdin(), pid);
    boolean timedOut = !awaitExit(process, tree, invocation.timeout());
    if (timedOut) {
      int killed = tree.killAll();
      log.warn("EXEC-001 script {} (pid {}) timed out after {} s; killed {} processes",
          invocation.executable(), pid, seconds(invocation.timeout()), killed);
      waitQuietly(process);
    }
    boolean outputComplete = joinReaders(readers);
    if (!outputComplete) {
      log.warn("EXEC-002 script {} (pid {}) exited but a background process keeps its output open; "
          + "output after {} s is not collected", invocation.executable(), pid, seconds(READER_GRACE));
    }
    Instant endedAt = Instant.now();
    int exitCode = timedOut || process.isAlive() ? -1 : process.exitValue();
    return result(invocation, pid, exitCode, timedOut, outputComplete, stdout, stderr, startedAt, endedAt);
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
        return "argument " + (i + 1) + " contains a NUL character, which cannot be passed to a process";
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
    List<String> argv = new ArrayList<>(invocation.arguments().size() + 1);
    argv.add(invocation.executable().toString());
    argv.addAll(invocation.arguments());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(invocation.effectiveWorkingDirectory().toFile());
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

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Writes stdin on its own thread, so a script that never reads it cannot block the runner. */
  private static void writeStdin(Process process, String stdin, long pid) {
    OutputStream in = process.getOutputStream();
    if (stdin == null) {
      closeStdin(in);
      return;
    }
    daemon("script-" + pid + "-stdin", () -> {
      try (in) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      catch (IOException e) {
        // A script may exit without reading its stdin (broken pipe): that is its right, not an error.
        log.debug("EXEC-003 stdin of pid {} not fully written: {}", pid, e.getMessage());
      }
    });
  }

  private static void closeStdin(OutputStream in) {
    try {
      in.close();
    }
    catch (IOException e) {
      log.debug("EXEC-003 closing an unused stdin failed: {}", e.getMessage());
    }
  }

  /**
   * Waits for the script to exit, remembering its descendants along the way (polling quickly at
   * first, then every {@link #LONGEST_POLL}) so grandchildren that get re-parented are still killed.
   * @return false when the timeout passed first
   */
  private static boolean awaitExit(Process process, ProcessTree tree, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration poll = FIRST_POLL;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return !process.isAlive();
        }
        if (process.waitFor(Math.min(left, poll.toNanos()), TimeUnit.NANOSECONDS)) {
          return true;
        }
        tree.observe();
        poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
      }
    }
    catch (InterruptedException e) {
      tree.killAll();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for script pid " + process.pid()
          + "; its process tree was killed", e);
    }
  }

  private static void waitQuietly(Process process) {
    try {
      process.waitFor(READER_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits a short grace for the readers; a process outside the tree may hold the pipes open. */
  private static boolean joinReaders(List<Thread> readers) {
    long deadline = System.nanoTime() + READER_GRACE.toNanos();
    try {
      for (Thread reader : readers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(reader, left);
        }
      }
    }
    catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return readers.stream().noneMatch(Thread::isAlive);
  }

  private ScriptResult result(ScriptInvocation invocation, long pid, int exitCode, boolean timedOut,
      boolean outputComplete, OutputCapture stdout, OutputCapture stderr, Instant startedAt, Instant endedAt) {
    String out = stdout.text();
    JsonNode json = stdout.truncated() ? null : jsonObject(out);
    Outcome outcome = timedOut
        ? new Outcome(ScriptStatus.FAILED, "timed out after " + seconds(invocation.timeout()) + " s")
        : outcome(json, exitCode);
    String message = outcome.message() + notes(stdout, stderr, outputComplete);
    return new ScriptResult(exitCode, out, stderr.text(), json, outcome.status(), timedOut, pid, startedAt, endedAt,
        message);
  }

  /** The script's own JSON status wins over its exit code. */
  private static Outcome outcome(JsonNode json, int exitCode) {
    if (json == null || !json.hasNonNull("status")) {
      return new Outcome(exitCode == 0 ? ScriptStatus.SUCCEEDED : ScriptStatus.FAILED, "exit code " + exitCode);
    }
    String reported = json.get("status").asText();
    ScriptStatus status;
    try {
      status = ScriptStatus.parse(reported);
    }
    catch (IllegalArgumentException e) {
      return new Outcome(ScriptStatus.FAILED, "script reported status '" + reported
          + "', which is not known (use succeeded, failed or waiting); exit code " + exitCode);
    }
    JsonNode message = json.path("message");
    return new Outcome(status, message.isTextual() ? message.asText()
        : "script reported status " + status.value() + "; exit code " + exitCode);
  }

  private record Outcome(ScriptStatus status, String message) {
  }

  private String notes(OutputCapture stdout, OutputCapture stderr, boolean outputComplete) {
    StringBuilder notes = new StringBuilder();
    if (stdout.truncated()) {
      notes.append("; stdout truncated to its first ").append(maxOutputBytes).append(" of ")
          .append(stdout.totalBytes()).append(" bytes");
    }
    if (stderr.truncated()) {
      notes.append("; stderr truncated to its last ").append(maxOutputBytes).append(" of ")
          .append(stderr.totalBytes()).append(" bytes");
    }
    if (!outputComplete) {
      notes.append("; output incomplete: a background process kept stdout or stderr open");
    }
    for (OutputCapture capture : List.of(stdout, stderr)) {
      if (outputComplete && capture.failure() != null) {
        notes.append("; reading output failed: ").append(capture.failure().getMessage());
      }
    }
    return notes.toString();
  }

  /** The trimmed stdout as a JSON object, or null when it is anything else. */
  private JsonNode jsonObject(String stdout) {
    String trimmed = stdout.trim();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return null;
    }
    try {
      JsonNode node = jsonReader.readTree(trimmed);
      return node != null && node.isObject() ? node : null;
    }
    catch (JsonProcessingException e) {
      return null; // plain text that happens to be braced is output, not a result
    }
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

}
