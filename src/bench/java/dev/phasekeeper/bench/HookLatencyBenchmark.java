package dev.phasekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.phasekeeper.hooks.internal.exec.ExecRunner;
import dev.phasekeeper.hooks.internal.exec.ScriptInvocation;
import dev.phasekeeper.lifecycle.Lifecycle;
import dev.phasekeeper.lifecycle.PhaseChanged;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryTopicBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Hook start latency: from the commit of a transition to the first instruction of its hook script,
 * which reads bash's {@code $EPOCHREALTIME} (a builtin, no process of its own) and appends it with
 * its run id (the tail of {@code $PHASEKEEPER_CALLBACK_URL}) to a log. The commit time of each run
 * is taken in an after-commit synchronization registered by a {@link PhaseChanged} listener, which
 * looks up the runs the transition's transaction created. Both clocks are the wall clock in
 * microseconds.
 *
 * <p>Transitions: deployed services are sent {@code migrate}; each one commits {@code deployed
 * -migrate-> migrating} and, after the migrate step (no script), {@code migrating -migratesuccess->
 * deployed}. Two global hooks fire on each of those transitions, so every transition fires two
 * hooks. Measured in the same run: the bare cost of starting the same script with {@link
 * ProcessBuilder} (from just before {@code start()} to its first instruction), idle and under load;
 * hook latency idle (one transition at a time: only the two hooks on {@code migratesuccess}, after
 * which the service rests, so nothing else runs), one migration at a time (both transitions a
 * moment apart, four scripts at once) and under load (100 transitions/s for 20 s). Figures go to
 * {@code target/bench/hook-latency.json} and {@code .md}. Run with {@code ./mvnw -Pbench verify}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HookLatencyBenchmark {

  static final Path HOOKS = tempDir();
  static final Path LOG = HOOKS.resolve("starts.log");

  /** Two hooks per transition: a and b on migrate, c and d on migratesuccess. */
  static final Map<String, String> HOOKS_BY_NAME =
      Map.of(
          "bench-a",
          "migrate",
          "bench-b",
          "migrate",
          "bench-c",
          "migratesuccess",
          "bench-d",
          "migratesuccess");

  /** Left out while hooks are measured one transition at a time. */
  static final List<String> ONE_TRANSITION_OFF = List.of("bench-a", "bench-b");

  static final int TRANSITIONS_PER_SECOND = 100;
  static final Duration LOAD = Duration.ofSeconds(20);
  static final int SERVICES = 200;

  /**
   * Migrations before anything is measured, one at a time. With 30 the JIT compiler took 0.73 of a
   * core through the idle measurement that followed (the scripts start on the same two cores); the
   * idle figures are meant to show hooks, not the compiler catching up.
   */
  static final int WARMUP = Integer.getInteger("bench.hook-warmup", 300);

  static final int IDLE_SAMPLES = 100;
  static final int BARE_SAMPLES = 200;
  static final String GLOBAL_DEFINITIONS = MoabClient.SERVICES + "/hooks/global-definitions";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("phasekeeper.hooks.dir", HOOKS::toString);
    registry.add("phasekeeper.security.admin-api-key", () -> MoabClient.ADMIN_KEY);
  }

  @LocalServerPort int port;
  @Autowired CommitClock commits;
  @Autowired Lifecycle lifecycle;

  private final StartLog starts = new StartLog(LOG);
  private final AtomicInteger names = new AtomicInteger();

  @Test
  void measureHookStartLatency() throws Exception {
    Path script = HOOKS.resolve("stamp.sh");
    Files.writeString(
        script,
        "#!/bin/bash\nprintf '%s %s\\n' \"$EPOCHREALTIME\" "
            + "\"${PHASEKEEPER_CALLBACK_URL##*/}\" >> "
            + LOG
            + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<String> services = deployedServices(SERVICES);
    HOOKS_BY_NAME.keySet().forEach(this::define);

    for (int i = 0; i < WARMUP; i++) {
      migrateAlone(services.get(i % services.size()), HOOKS_BY_NAME.size());
    }
    commits.drain();
    JitRest jitRest = JitRest.await(Duration.ofSeconds(120));
    TIMINGS.reset();
    ProcessCpu beforeBare = ProcessCpu.now();
    long[] bareIdle = bare(script, BARE_SAMPLES);
    Map<String, Double> bareCpu = ProcessCpu.now().perItemSince(beforeBare, BARE_SAMPLES);
    // idle, one transition at a time: only the hooks on migratesuccess, after which the
    // service rests in deployed, so nothing but its two hooks runs
    ONE_TRANSITION_OFF.forEach(this::undefine);
    Map<String, Long> idleCommits = new HashMap<>();
    CpuMeter idleCpu = new CpuMeter();
    long idleStart = System.nanoTime();
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      idleCommits.putAll(migrateAlone(services.get(i % services.size()), 2));
    }
    Map<String, Object> idleCores = coresUsed(idleCpu.usage(), System.nanoTime() - idleStart);
    Map<String, Object> idleTasks = TIMINGS.breakdown(idleCommits, starts.read());
    ONE_TRANSITION_OFF.forEach(this::define);
    // idle, one migration at a time: two transitions a moment apart, four scripts at once
    TIMINGS.reset();
    Map<String, Long> migrationCommits = new HashMap<>();
    for (int i = 0; i < IDLE_SAMPLES; i++) {
      migrationCommits.putAll(
          migrateAlone(services.get(i % services.size()), HOOKS_BY_NAME.size()));
    }
    Map<String, Object> migrationTasks = TIMINGS.breakdown(migrationCommits, starts.read());
    TIMINGS.reset();
    Map<String, Long> cpuBefore = threadCpuMillis();
    ProcessCpu processBefore = ProcessCpu.now();
    LoadRun load = underLoad(script, services);
    Map<String, Double> cpuPerRun =
        ProcessCpu.now().perItemSince(processBefore, load.commits().size());
    Map<String, Long> cpu = threadCpuMillis();
    cpu.replaceAll((group, millis) -> millis - cpuBefore.getOrDefault(group, 0L));
    cpu.values().removeIf(millis -> millis < 100);

    Map<String, Object> results = new LinkedHashMap<>();
    results.put("machine", Machine.current());
    results.put("jitRestAfterWarmUp", jitRest);
    results.put("script", "#!/bin/bash, first instruction printf of $EPOCHREALTIME (a builtin)");
    results.put("bareIdle", Latencies.of(bareIdle));
    results.put("cpuPerBareStart", bareCpu);
    results.put("hookIdle", hookLatencies(idleCommits));
    results.put("hookOneMigrationAtATime", hookLatencies(migrationCommits));
    results.put("bareUnderLoad", Latencies.of(load.bare()));
    results.put("hookUnderLoad", hookLatencies(load.commits()));
    writeTimeline(load.commits());
    results.put("load", load.summary());
    results.put("workerBreakdownIdle", idleTasks);
    results.put("coresUsedIdle", idleCores);
    results.put("workerBreakdownOneMigrationAtATime", migrationTasks);
    results.put("workerBreakdownUnderLoad", TIMINGS.breakdown(load.commits(), starts.read()));
    results.put("cpuMillisByThreadGroupUnderLoadAndDrain", cpu);
    // everything the load cost (its transitions, steps and runs), per hook run
    results.put("cpuPerHookRunUnderLoadAndDrain", cpuPerRun);
    results.put("targets", targets(results));
    write(results);
  }

  /** Creates services and waits until all are deployed. */
  private List<String> deployedServices(int count) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "bench-" + names.incrementAndGet();
      moab().post(MoabClient.SERVICES, service(name)).expect(201, "create " + name);
      ids.add(id(name));
    }
    for (String id : ids) {
      awaitDeployed(id);
    }
    return ids;
  }

  /**
   * The cores (CPU seconds per second) the JVM used while hooks were measured idle, in all and by
   * its JIT compiler and GC: what else competed with the scripts for the two cores.
   */
  private static Map<String, Object> coresUsed(CpuMeter.Usage usage, long wallNanos) {
    double seconds = wallNanos / 1e9;
    Map<String, Object> cores = new LinkedHashMap<>();
    cores.put("jvm", round(usage.processMillis() / 1000 / seconds));
    cores.put("jit", round(usage.groupMillis().getOrDefault("jit", 0.0) / 1000 / seconds));
    cores.put("gc", round(usage.groupMillis().getOrDefault("gc", 0.0) / 1000 / seconds));
    return cores;
  }

  private void define(String hook) {
    moab()
        .post(
            GLOBAL_DEFINITIONS,
            "{\"name\":\""
                + hook
                + "\",\"transition\":\""
                + HOOKS_BY_NAME.get(hook)
                + "\",\"url\":\"exec://stamp.sh\"}")
        .expect(201, "define " + hook);
  }

  private void undefine(String hook) {
    moab().delete(GLOBAL_DEFINITIONS + "/" + hook).expect(204, "undefine " + hook);
  }

  /**
   * Migrates one service and waits for the runs of its {@code hooks} hooks to start and for it to
   * be deployed again.
   */
  private Map<String, Long> migrateAlone(String id, int hooks) throws Exception {
    assertThat(lifecycle.send(id, "migrate", Map.of())).as("service %s migrates", id).isTrue();
    awaitDeployed(id);
    // the commit times are taken right after the commits, so they may come in just after the
    // phase is visible
    // the harness shares the two cores with the scripts it times, so it polls gently (the
    // latencies come from the timestamps, not from when the harness notices them)
    Awaitility.await()
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> commits.size() >= hooks);
    Map<String, Long> committed = commits.drain();
    assertThat(committed).hasSize(hooks);
    // the log is read (a file read, not a request): polling the server would load the node
    // whose latency is measured
    Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .atMost(Duration.ofSeconds(30))
        .until(() -> starts.hasAll(committed.keySet()));
    return committed;
  }

  private void awaitDeployed(String id) {
    Awaitility.await()
        .pollDelay(Duration.ofMillis(5))
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(60))
        .until(() -> lifecycle.find(id).map(s -> "deployed".equals(s.phase())).orElse(false));
  }

  /**
   * Sends migrate to the next deployed service 50 times a second (each makes two transitions); a
   * service still migrating is passed over and counted.
   */
  private LoadRun underLoad(Path script, List<String> services) throws Exception {
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger busy = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    ExecutorService senders = Executors.newFixedThreadPool(16);
    List<Long> bareSamples = java.util.Collections.synchronizedList(new ArrayList<>());
    long begin = System.nanoTime();
    long beginMicros = nowMicros();
    int sendsPerSecond = TRANSITIONS_PER_SECOND / 2;
    clock.scheduleAtFixedRate(
        () ->
            senders.execute(
                () -> {
                  String id = services.get(Math.floorMod(next.getAndIncrement(), services.size()));
                  if (lifecycle.send(id, "migrate", Map.of())) {
                    sent.incrementAndGet();
                  } else {
                    busy.incrementAndGet();
                  }
                }),
        0,
        1_000_000 / sendsPerSecond,
        TimeUnit.MICROSECONDS);
    clock.scheduleWithFixedDelay(
        () -> {
          for (long nanos : bare(script, 1)) {
            bareSamples.add(nanos);
          }
        },
        100,
        200,
        TimeUnit.MILLISECONDS);
    Thread.sleep(LOAD.toMillis());
    clock.shutdownNow();
    clock.awaitTermination(10, TimeUnit.SECONDS);
    senders.shutdown();
    senders.awaitTermination(30, TimeUnit.SECONDS);
    double loadSeconds = (System.nanoTime() - begin) / 1e9;
    long endMicros = nowMicros();
    for (String id : services) {
      awaitDeployed(id);
    }
    Thread.sleep(500); // the last commit times are taken just after their commits
    Map<String, Long> committed = commits.drain();
    Awaitility.await("every hook started")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> starts.hasAll(committed.keySet()));
    Map<String, Long> started = starts.read();
    long committedInLoad = committed.values().stream().filter(at -> at <= endMicros).count();
    long lastStart = committed.keySet().stream().mapToLong(started::get).max().orElse(endMicros);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("requestedTransitionsPerSecond", TRANSITIONS_PER_SECOND);
    summary.put("seconds", round(loadSeconds));
    summary.put("migrationsSent", sent.get());
    summary.put("passedOverStillMigrating", busy.get());
    // two hooks per transition: transitions committed while the load ran = runs / 2
    summary.put(
        "transitionsCommittedDuringLoadPerSecond", round(committedInLoad / 2.0 / loadSeconds));
    summary.put("hookRuns", committed.size());
    summary.put(
        "hookRunsStartedPerSecond", round(committed.size() / ((lastStart - beginMicros) / 1e6)));
    summary.put("secondsAfterLoadUntilAllHooksStarted", round((lastStart - endMicros) / 1e6));
    summary.put(
        "note",
        "each migrate commits deployed -migrate-> migrating (two hooks), then the"
            + " migrate step (no script) commits migrating -migratesuccess-> deployed (two hooks)");
    return new LoadRun(
        committed, bareSamples.stream().mapToLong(Long::longValue).toArray(), summary);
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
      environment.put("PHASEKEEPER_CALLBACK_URL", "http://localhost/callbacks/hook-runs/" + id);
      try {
        long before = nowMicros();
        Process process = builder.start();
        process.waitFor();
        Long started = starts.read().get(id);
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

  /**
   * Under load, each run's commit and start (µs since the first commit) in commit order, to
   * target/bench/hook-latency-load.csv: shows whether the delay grows steadily (a queue) or some
   * runs are passed over.
   */
  private void writeTimeline(Map<String, Long> committed) throws IOException {
    Map<String, Long> started = starts.read();
    long first = committed.values().stream().mapToLong(Long::longValue).min().orElse(0);
    StringBuilder csv = new StringBuilder("run,committedMicros,startedMicros\n");
    committed.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            run ->
                csv.append(run.getKey())
                    .append(',')
                    .append(run.getValue() - first)
                    .append(',')
                    .append(
                        started.containsKey(run.getKey()) ? started.get(run.getKey()) - first : "")
                    .append('\n'));
    Files.createDirectories(Path.of("target/bench"));
    Files.writeString(Path.of("target/bench/hook-latency-load.csv"), csv);
  }

  private Latencies hookLatencies(Map<String, Long> committed) {
    Map<String, Long> started = starts.read();
    long[] nanos =
        committed.entrySet().stream()
            .filter(run -> started.containsKey(run.getKey()))
            .mapToLong(run -> (started.get(run.getKey()) - run.getValue()) * 1000)
            .toArray();
    return Latencies.of(nanos);
  }

  private static Map<String, Object> targets(Map<String, Object> results) {
    Map<String, Object> targets = new LinkedHashMap<>();
    for (String scenario : List.of("Idle", "UnderLoad")) {
      Latencies bare = (Latencies) results.get("bare" + scenario);
      Latencies hook = (Latencies) results.get("hook" + scenario);
      double limit = 2 * bare.p50() + 5;
      targets.put(
          "p50" + scenario + " <= 2 x bare p50 + 5 ms (" + round(limit) + " ms)",
          hook.p50() <= limit ? "met" : "MISSED (" + hook.p50() + " ms)");
    }
    Latencies loaded = (Latencies) results.get("hookUnderLoad");
    targets.put(
        "p99UnderLoad < 50 ms", loaded.p99() < 50 ? "met" : "MISSED (" + loaded.p99() + " ms)");
    return targets;
  }

  private static void write(Map<String, Object> results) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    String json =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
    Files.writeString(dir.resolve("hook-latency.json"), json);
    StringBuilder md =
        new StringBuilder("# Hook start latency\n\n")
            .append("From the commit of the transition to the hook script's first instruction; ")
            .append("bare = the same script started with ProcessBuilder. Milliseconds.\n\n")
            .append("| measurement | count | p50 | p95 | p99 | max | mean |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|\n");
    results.forEach(
        (name, value) -> {
          if (value instanceof Latencies l) {
            md.append("| ")
                .append(name)
                .append(" | ")
                .append(l.count())
                .append(" | ")
                .append(l.p50())
                .append(" | ")
                .append(l.p95())
                .append(" | ")
                .append(l.p99())
                .append(" | ")
                .append(l.max())
                .append(" | ")
                .append(l.mean())
                .append(" |\n");
          }
        });
    md.append(
            "\nhookIdle: one transition at a time (migratesuccess, two hooks, nothing else"
                + " running); hookOneMigrationAtATime: migrate and migratesuccess a moment apart,"
                + " four scripts at once.\n")
        .append("\nWorkers, idle: ")
        .append(results.get("workerBreakdownIdle"))
        .append("\n\nCores used by the JVM while measured idle: ")
        .append(results.get("coresUsedIdle"))
        .append("\n\nWorkers, one migration at a time: ")
        .append(results.get("workerBreakdownOneMigrationAtATime"))
        .append("\n\nWorkers, under load: ")
        .append(results.get("workerBreakdownUnderLoad"))
        .append("\n\nCPU ms by thread group, load and drain: ")
        .append(results.get("cpuMillisByThreadGroupUnderLoadAndDrain"))
        .append("\n\nCPU ms per bare start: ")
        .append(results.get("cpuPerBareStart"))
        .append("; per hook run, load and drain: ")
        .append(results.get("cpuPerHookRunUnderLoadAndDrain"))
        .append("\n\nLoad: ")
        .append(results.get("load"))
        .append("\n\nTargets: ")
        .append(results.get("targets"))
        .append("\n\nMachine: ")
        .append(results.get("machine"))
        .append("\n");
    Files.writeString(dir.resolve("hook-latency.md"), md);
    System.out.println(md);
  }

  private static String service(String name) {
    return "{\"tenant\":{\"name\":\"bench\"},\"name\":\"" + name + "\",\"type\":\"bench\"}";
  }

  private String id(String name) {
    return moab()
        .get(MoabClient.SERVICES + "/" + name + "?fields=id")
        .expect(200, "find " + name)
        .body()
        .path("id")
        .asText();
  }

  /** The application's port is known only once the test instance has its fields injected. */
  private MoabClient moab() {
    return new MoabClient(port);
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
        byGroup.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos / 1_000_000, Long::sum);
      }
    }
    return byGroup;
  }

  static final TaskTimings TIMINGS = new TaskTimings();

  /**
   * Times the workers' calls on the engine's {@link ExternalTaskService}: how long fetchAndLock
   * takes, how many fetches come back empty, and when each hook task was fetched, so the latency
   * splits into commit -> fetched and fetched -> script started (or, for a task handed to the
   * workers as its transaction committed, commit -> runner). Evidence only; no behaviour changes.
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
      return (ExternalTaskService)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {ExternalTaskService.class},
              (proxy, method, args) -> {
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
      factory.addAdvice(
          (MethodInterceptor)
              invocation -> {
                if (invocation.getMethod().getName().equals("run")
                    && invocation.getArguments()[0] instanceof ScriptInvocation script
                    && script.environment().containsKey("PHASEKEEPER_CALLBACK_URL")) {
                  String url = script.environment().get("PHASEKEEPER_CALLBACK_URL");
                  execAt.put(url.substring(url.lastIndexOf('/') + 1), nowMicros());
                }
                return invocation.proceed();
              });
      return factory.getProxy();
    }

    private Object timed(Object builder) {
      return Proxy.newProxyInstance(
          getClass().getClassLoader(),
          new Class<?>[] {ExternalTaskQueryTopicBuilder.class},
          (proxy, method, args) -> {
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
              Object run = task.getVariables().get("hookRunId");
              if (run != null) {
                fetchedAt.put(run.toString(), now);
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
      List<Long> handedToExec = new ArrayList<>();
      List<Long> handedToStarted = new ArrayList<>();
      committed.forEach(
          (run, commitMicros) -> {
            Long fetched = fetchedAt.get(run);
            Long exec = execAt.get(run);
            Long start = started.get(run);
            if (fetched != null && exec != null && start != null) {
              toFetched.add((fetched - commitMicros) * 1000);
              toExec.add((exec - fetched) * 1000);
              toStarted.add((start - exec) * 1000);
            } else if (exec != null && start != null) {
              // handed to the workers in its creating transaction: no fetch
              handedToExec.add((exec - commitMicros) * 1000);
              handedToStarted.add((start - exec) * 1000);
            }
          });
      List<long[]> all;
      synchronized (fetches) {
        all = new ArrayList<>(fetches);
      }
      Map<String, Object> breakdown = new LinkedHashMap<>();
      breakdown.put("commitToFetched", Latencies.of(longs(toFetched)));
      breakdown.put("fetchedToExecRunner", Latencies.of(longs(toExec)));
      breakdown.put("execRunnerToScriptStarted", Latencies.of(longs(toStarted)));
      breakdown.put("handedOverCommitToExecRunner", Latencies.of(longs(handedToExec)));
      breakdown.put("handedOverExecRunnerToScriptStarted", Latencies.of(longs(handedToStarted)));
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

  /**
   * Wall-clock time (µs) right after each transition committed, by the id of each hook run it
   * created: the runs are looked up just before the commit, inside the transaction that wrote them.
   */
  @TestConfiguration
  static class CommitClock {

    private final JdbcTemplate jdbc;
    private Map<String, Long> committed = new ConcurrentHashMap<>();

    CommitClock(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

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
      if (change.transition() == null || !HOOKS_BY_NAME.containsValue(change.transition())) {
        return;
      }
      assertThat(TransactionSynchronizationManager.isSynchronizationActive())
          .as("the phase change runs in a Spring-managed transaction")
          .isTrue();
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            private List<String> runs = List.of();

            @Override
            public void beforeCommit(boolean readOnly) {
              runs =
                  jdbc.queryForList(
                      "select id from pk_hook_run where subject_id = ?"
                          + " and transition = ? and start_date is null",
                      String.class,
                      change.subjectId(),
                      change.transition());
            }

            @Override
            public void afterCommit() {
              record(runs, nowMicros());
            }
          });
    }

    private synchronized void record(List<String> runs, long micros) {
      runs.forEach(run -> committed.putIfAbsent(run, micros));
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

  /** The scripts' log, "epochrealtime runId" per line, read as it grows. */
  static final class StartLog {

    private final Path file;
    private final Map<String, Long> starts = new HashMap<>();
    private long offset;

    StartLog(Path file) {
      this.file = file;
    }

    synchronized Map<String, Long> read() {
      readNewLines();
      return Map.copyOf(starts);
    }

    /** Whether every run has started, without copying what has been read so far. */
    synchronized boolean hasAll(Collection<String> runIds) {
      readNewLines();
      return starts.keySet().containsAll(runIds);
    }

    private void readNewLines() {
      if (!Files.exists(file)) {
        return;
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
          if (parts.length == 2) {
            long micros = Long.parseLong(parts[0].replace(".", "").replace(",", ""));
            starts.putIfAbsent(parts[1], micros);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
