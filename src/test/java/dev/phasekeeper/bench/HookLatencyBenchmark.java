package dev.phasekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.phasekeeper.lifecycle.PhaseChanged;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import dev.phasekeeper.hooks.internal.exec.ExecRunner;
import dev.phasekeeper.hooks.internal.exec.ScriptInvocation;
import org.aopalliance.intercept.MethodInterceptor;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hook start latency: from the commit of a transition to the first instruction of its hook
 * script, which reads bash's {@code $EPOCHREALTIME} (a builtin, no process of its own) and
 * appends it to a log. The commit time is taken in an after-commit synchronization registered by
 * a {@link PhaseChanged} listener. Both clocks are the wall clock in microseconds.
 *
 * <p>Measured in the same run: the bare cost of starting the same script with
 * {@link ProcessBuilder} (from just before {@code start()} to its first instruction), idle and
 * under load; hook latency idle (one service at a time) and under load (100 services created per
 * second for 20 s, each submit firing two global hooks). Figures go to
 * {@code target/bench/hook-latency.json} and {@code .md}. Run with {@code ./mvnw -Pbench verify}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookLatencyBenchmark {

  static final String KEY = "test-admin-key";
  static final Path HOOKS = tempDir();
  static final Path LOG = HOOKS.resolve("starts.log");
  static final List<String> HOOK_NAMES = List.of("bench-a", "bench-b");
  static final int RATE_PER_SECOND = 100;
  static final Duration LOAD = Duration.ofSeconds(20);
  static final int WARMUP = 30;
  static final int IDLE_SAMPLES = 100;
  static final int BARE_SAMPLES = 200;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("phasekeeper.hooks.dir", HOOKS::toString);
    registry.add("phasekeeper.security.admin-api-key", () -> KEY);
  }

  @LocalServerPort
  int port;
  @Autowired
  CommitClock commits;

  private final HttpClient http = HttpClient.newHttpClient();
  private final StartLog starts = new StartLog(LOG);
  private final AtomicInteger names = new AtomicInteger();

  @Test
  void measureHookStartLatency() throws Exception {
    Path script = HOOKS.resolve("stamp.sh");
    Files.writeString(script, "#!/bin/bash\nprintf '%s %s %s\\n' \"$EPOCHREALTIME\" "
        + "\"$PHASEKEEPER_SUBJECT_ID\" \"$PHASEKEEPER_HOOK_NAME\" >> " + LOG + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String hook : HOOK_NAMES) {
      HttpResponse<String> defined = post("/mws/rest/services/hooks/global-definitions",
          "{\"name\":\"" + hook + "\",\"transition\":\"submit\",\"url\":\"exec://stamp.sh\"}");
      assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
    }

    for (int i = 0; i < WARMUP; i++) {
      oneServiceAlone();
    }
    commits.drain();
    TIMINGS.reset();
    long[] bareIdle = bare(script, BARE_SAMPLES);
    Map<String, Long> idleCommits = new HashMap<>();
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      idleCommits.putAll(oneServiceAlone());
    }
    Map<String, Object> idleTasks = TIMINGS.breakdown(idleCommits, starts.read());
    TIMINGS.reset();
    Map<String, Long> cpuBefore = threadCpuMillis();
    LoadRun load = underLoad(script);
    Map<String, Long> cpu = threadCpuMillis();
    cpu.replaceAll((group, millis) -> millis - cpuBefore.getOrDefault(group, 0L));
    cpu.values().removeIf(millis -> millis < 100);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", Machine.current());
    results.put("script", "#!/bin/bash, first instruction printf of $EPOCHREALTIME (a builtin)");
    results.put("bareIdle", Latencies.of(bareIdle));
    results.put("hookIdle", hookLatencies(idleCommits, null));
    results.put("bareUnderLoad", Latencies.of(load.bare()));
    results.put("hookUnderLoad", hookLatencies(load.commits(), null));
    for (String hook : HOOK_NAMES) {
      results.put("hookUnderLoad-" + hook, hookLatencies(load.commits(), hook));
    }
    results.put("load", load.summary());
    results.put("workerBreakdownIdle", idleTasks);
    results.put("workerBreakdownUnderLoad", TIMINGS.breakdown(load.commits(), starts.read()));
    results.put("cpuMillisByThreadGroupUnderLoadAndDrain", cpu);
    results.put("targets", targets(results));
    write(results);
  }

  /** Creates one service, waits for its hooks and for it to reach Deployed. */
  private Map<String, Long> oneServiceAlone() throws Exception {
    String name = "idle-" + names.incrementAndGet();
    HttpResponse<String> created = post("/mws/rest/services", service(name));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Map<String, Long> committed = commits.drain();
    assertThat(committed).hasSize(1);
    String id = committed.keySet().iterator().next();
    // the log is read often (a file read, not a request), the server asked rarely: polling it
    // would load the node whose latency is measured
    Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
        .atMost(Duration.ofSeconds(30))
        .until(() -> startedHooks(starts.read(), Map.of(id, 0L)) == HOOK_NAMES.size());
    Awaitility.await().pollDelay(Duration.ofMillis(20)).pollInterval(Duration.ofMillis(50))
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/mws/rest/services/" + name + "?fields=phase").body()
            .contains("\"Deployed\""));
    return committed;
  }

  private LoadRun underLoad(Path script) throws Exception {
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    List<Long> bareSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    long begin = System.nanoTime();
    clock.scheduleAtFixedRate(() -> {
      sent.incrementAndGet();
      http.sendAsync(request("/mws/rest/services").POST(HttpRequest.BodyPublishers.ofString(
              service("load-" + names.incrementAndGet()))).build(),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 201) {
              failed.incrementAndGet();
            }
          });
    }, 0, 1_000_000 / RATE_PER_SECOND, TimeUnit.MICROSECONDS);
    clock.scheduleWithFixedDelay(() -> {
      for (long nanos : bare(script, 1)) {
        bareSamples.add(nanos);
      }
    }, 100, 200, TimeUnit.MILLISECONDS);
    Thread.sleep(LOAD.toMillis());
    clock.shutdownNow();
    clock.awaitTermination(10, TimeUnit.SECONDS);
    double loadSeconds = (System.nanoTime() - begin) / 1e9;
    Awaitility.await("every create answered").atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> commits.size() + failed.get() >= sent.get());
    Map<String, Long> committed = commits.drain();
    long expected = (long) committed.size() * HOOK_NAMES.size();
    long drainStart = System.nanoTime();
    Awaitility.await("every hook started").atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> startedHooks(starts.read(), committed) >= expected);
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("requestedPerSecond", RATE_PER_SECOND);
    summary.put("seconds", round(loadSeconds));
    summary.put("sent", sent.get());
    summary.put("failed", failed.get());
    summary.put("committedTransitions", committed.size());
    summary.put("committedPerSecond", round(committed.size() / loadSeconds));
    summary.put("hookRuns", expected);
    summary.put("secondsAfterLoadUntilAllHooksStarted", round(drainSeconds));
    summary.put("note", "each created service commits submit (firing both hooks) in the POST, then"
        + " accept and deploy (steps without scripts) on the workers");
    return new LoadRun(committed, bareSamples.stream().mapToLong(Long::longValue).toArray(),
        summary);
  }

  private static long startedHooks(Map<String, Long> started, Map<String, Long> committed) {
    return committed.keySet().stream().mapToLong(id -> HOOK_NAMES.stream()
        .filter(hook -> started.containsKey(id + " " + hook)).count()).sum();
  }

  record LoadRun(Map<String, Long> commits, long[] bare, Map<String, Object> summary) {}

  /** Starts the script {@code samples} times with ProcessBuilder; nanoseconds to its first line. */
  private long[] bare(Path script, int samples) {
    long[] nanos = new long[samples];
    for (int i = 0; i < samples; i++) {
      String id = "bare-" + names.incrementAndGet();
      ProcessBuilder builder = new ProcessBuilder(script.toString()).directory(HOOKS.toFile());
      Map<String, String> environment = builder.environment();
      environment.clear();
      for (String inherited : List.of("PATH", "HOME", "LANG")) {
        if (System.getenv(inherited) != null) {
          environment.put(inherited, System.getenv(inherited));
        }
      }
      environment.put("PHASEKEEPER_SUBJECT_ID", id);
      environment.put("PHASEKEEPER_HOOK_NAME", "bare");
      try {
        long before = nowMicros();
        Process process = builder.start();
        process.waitFor();
        Long started = starts.read().get(id + " bare");
        assertThat(started).as("the script wrote its start time").isNotNull();
        nanos[i] = (started - before) * 1000;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return nanos;
  }

  private Latencies hookLatencies(Map<String, Long> committed, String onlyHook) {
    Map<String, Long> started = starts.read();
    List<Long> nanos = new ArrayList<>();
    committed.forEach((id, commitMicros) -> HOOK_NAMES.stream()
        .filter(hook -> onlyHook == null || onlyHook.equals(hook))
        .map(hook -> started.get(id + " " + hook))
        .filter(java.util.Objects::nonNull)
        .forEach(startMicros -> nanos.add((startMicros - commitMicros) * 1000)));
    return Latencies.of(nanos.stream().mapToLong(Long::longValue).toArray());
  }

  private static Map<String, Object> targets(Map<String, Object> results) {
    Map<String, Object> targets = new LinkedHashMap<>();
    for (String scenario : List.of("Idle", "UnderLoad")) {
      Latencies bare = (Latencies) results.get("bare" + scenario);
      Latencies hook = (Latencies) results.get("hook" + scenario);
      double limit = 2 * bare.p50() + 5;
      targets.put("p50" + scenario + " <= 2 x bare p50 + 5 ms (" + round(limit) + " ms)",
          hook.p50() <= limit ? "met" : "MISSED (" + hook.p50() + " ms)");
    }
    Latencies loaded = (Latencies) results.get("hookUnderLoad");
    targets.put("p99UnderLoad < 50 ms", loaded.p99() < 50 ? "met"
        : "MISSED (" + loaded.p99() + " ms)");
    return targets;
  }

  private static void write(Map<String, Object> results) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(results);
    Files.writeString(dir.resolve("hook-latency.json"), json);
    StringBuilder md = new StringBuilder("# Hook start latency\n\n")
        .append("From the commit of the transition to the hook script's first instruction; ")
        .append("bare = the same script started with ProcessBuilder. Milliseconds.\n\n")
        .append("| measurement | count | p50 | p95 | p99 | max | mean |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    results.forEach((name, value) -> {
      if (value instanceof Latencies l) {
        md.append("| ").append(name).append(" | ").append(l.count()).append(" | ").append(l.p50())
            .append(" | ").append(l.p95()).append(" | ").append(l.p99()).append(" | ")
            .append(l.max()).append(" | ").append(l.mean()).append(" |\n");
      }
    });
    md.append("\nWorkers, idle: ").append(results.get("workerBreakdownIdle"))
        .append("\n\nWorkers, under load: ").append(results.get("workerBreakdownUnderLoad"))
        .append("\n\nCPU ms by thread group, load and drain: ")
        .append(results.get("cpuMillisByThreadGroupUnderLoadAndDrain"))
        .append("\n\nLoad: ").append(results.get("load")).append("\n\nTargets: ")
        .append(results.get("targets")).append("\n\nMachine: ").append(results.get("machine"))
        .append("\n");
    Files.writeString(dir.resolve("hook-latency.md"), md);
    System.out.println(md);
  }

  private static String service(String name) {
    return "{\"tenant\":{\"name\":\"bench\"},\"name\":\"" + name + "\",\"type\":\"bench\"}";
  }

  private HttpResponse<String> post(String path, String json) throws IOException,
      InterruptedException {
    return http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("X-Api-Key", KEY);
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("pk-bench-hooks-").toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CPU time of this JVM's threads (the server's included), by name without digits. */
  private static Map<String, Long> threadCpuMillis() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byGroup = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
      if (nanos > 0) {
        byGroup.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos / 1_000_000,
            Long::sum);
      }
    }
    return byGroup;
  }

  static final TaskTimings TIMINGS = new TaskTimings();

  /**
   * Times the workers' calls on the engine's {@link ExternalTaskService}: how long fetchAndLock
   * takes, how many fetches come back empty, and when each hook task was fetched, so the latency
   * splits into commit -> fetched and fetched -> script started. Evidence only; no behaviour
   * changes.
   */
  static final class TaskTimings {

    private final Map<String, Long> fetchedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> execAt = new ConcurrentHashMap<>();
    private final List<long[]> fetches = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Long> completes = java.util.Collections.synchronizedList(new ArrayList<>());

    void reset() {
      fetchedAt.clear();
      execAt.clear();
      fetches.clear();
      completes.clear();
    }

    ExternalTaskService wrap(ExternalTaskService service) {
      return (ExternalTaskService) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ExternalTaskService.class}, (proxy, method, args) -> {
            long before = System.nanoTime();
            Object result = call(service, method, args);
            if (method.getName().equals("complete")) {
              completes.add(System.nanoTime() - before);
            }
            return method.getName().equals("fetchAndLock") ? timed(result) : result;
          });
    }

    /** Notes when the handler hands the script to the runner (all its own work done). */
    Object wrap(ExecRunner runner) {
      ProxyFactory factory = new ProxyFactory(runner);
      factory.setProxyTargetClass(true);
      factory.addAdvice((MethodInterceptor) invocation -> {
        if (invocation.getMethod().getName().equals("run")
            && invocation.getArguments()[0] instanceof ScriptInvocation script) {
          execAt.put(script.environment().get("PHASEKEEPER_SUBJECT_ID") + " "
              + script.environment().get("PHASEKEEPER_HOOK_NAME"), nowMicros());
        }
        return invocation.proceed();
      });
      return factory.getProxy();
    }

    private Object timed(Object builder) {
      return Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ExternalTaskQueryTopicBuilder.class}, (proxy, method, args) -> {
            long before = System.nanoTime();
            Object result = call(builder, method, args);
            if (!method.getName().equals("execute")) {
              return result == builder ? proxy : result;
            }
            long now = nowMicros();
            @SuppressWarnings("unchecked")
            List<LockedExternalTask> locked = (List<LockedExternalTask>) result;
            fetches.add(new long[] {System.nanoTime() - before, locked.size()});
            for (LockedExternalTask task : locked) {
              if (task.getPriority() > 0) {
                String hook = HOOK_NAMES.get((int) Math.min(HOOK_NAMES.size() - 1,
                    1000 - task.getPriority()));
                fetchedAt.put(task.getBusinessKey() + " " + hook, now);
              }
            }
            return result;
          });
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    Map<String, Object> breakdown(Map<String, Long> committed, Map<String, Long> started) {
      List<Long> toFetched = new ArrayList<>();
      List<Long> toExec = new ArrayList<>();
      List<Long> toStarted = new ArrayList<>();
      committed.forEach((id, commitMicros) -> HOOK_NAMES.forEach(hook -> {
        Long fetched = fetchedAt.get(id + " " + hook);
        Long exec = execAt.get(id + " " + hook);
        Long start = started.get(id + " " + hook);
        if (fetched != null && exec != null && start != null) {
          toFetched.add((fetched - commitMicros) * 1000);
          toExec.add((exec - fetched) * 1000);
          toStarted.add((start - exec) * 1000);
        }
      }));
      List<long[]> all;
      synchronized (fetches) {
        all = new ArrayList<>(fetches);
      }
      Map<String, Object> breakdown = new LinkedHashMap<>();
      breakdown.put("commitToFetched", Latencies.of(longs(toFetched)));
      breakdown.put("fetchedToExecRunner", Latencies.of(longs(toExec)));
      breakdown.put("execRunnerToScriptStarted", Latencies.of(longs(toStarted)));
      breakdown.put("fetchAndLockCalls", all.size());
      breakdown.put("fetchAndLockEmpty", all.stream().filter(f -> f[1] == 0).count());
      breakdown.put("fetchAndLock", Latencies.of(all.stream().mapToLong(f -> f[0]).toArray()));
      synchronized (completes) {
        breakdown.put("complete", Latencies.of(longs(completes)));
      }
      return breakdown;
    }

    private static long[] longs(List<Long> values) {
      return values.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** Wall-clock time (µs) right after each submit transition committed, by subject id. */
  @TestConfiguration
  static class CommitClock {

    private Map<String, Long> committed = new ConcurrentHashMap<>();

    @Bean
    static BeanPostProcessor timedExternalTasks() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          if (bean instanceof ExecRunner runner) {
            return TIMINGS.wrap(runner);
          }
          return bean instanceof ExternalTaskService service ? TIMINGS.wrap(service) : bean;
        }
      };
    }

    @EventListener
    void phaseChanged(PhaseChanged change) {
      if (!"submit".equals(change.transition())) {
        return;
      }
      assertThat(TransactionSynchronizationManager.isSynchronizationActive())
          .as("the phase change runs in a Spring-managed transaction").isTrue();
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          record(change.subjectId(), nowMicros());
        }
      });
    }

    private synchronized void record(String subjectId, long micros) {
      committed.put(subjectId, micros);
    }

    synchronized int size() {
      return committed.size();
    }

    /** What was recorded since the last call. */
    synchronized Map<String, Long> drain() {
      Map<String, Long> drained = committed;
      committed = new ConcurrentHashMap<>();
      return drained;
    }
  }

  /** The scripts' log, "epochrealtime subjectId hookName" per line, read as it grows. */
  static final class StartLog {

    private final Path file;
    private final Map<String, Long> starts = new HashMap<>();
    private long offset;

    StartLog(Path file) {
      this.file = file;
    }

    synchronized Map<String, Long> read() {
      if (!Files.exists(file)) {
        return Map.copyOf(starts);
      }
      try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
        byte[] bytes = new byte[(int) (in.length() - offset)];
        in.seek(offset);
        in.readFully(bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        offset += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
        for (String line : text.substring(0, complete).split("\n")) {
          String[] parts = line.trim().split(" ");
          if (parts.length == 3) {
            long micros = Long.parseLong(parts[0].replace(".", "").replace(",", ""));
            starts.putIfAbsent(parts[1] + " " + parts[2], micros);
          }
        }
        return Map.copyOf(starts);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
