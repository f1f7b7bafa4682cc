package dev.phasekeeper.bench;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Part (2): the same BPMN on a plain Camunda engine of its own (own H2 file, history full, job
 * executor off, {@link RawGates} as {@code serviceGates}), driven through the Java API. No
 * Phasekeeper code is on this path. Two shapes:
 * <ul>
 * <li>{@link #run}, the ratio's denominator, has the REST run's shape: the clients start every
 * instance, {@link RawWorkers} complete the steps (as many threads as Phasekeeper's step
 * workers), the run waits until every instance is deployed, the clients correlate terminate for
 * each, and it waits until every instance has run its clean step. Every instance of the level is
 * in the engine's runtime tables at once, as every service is in Phasekeeper's.</li>
 * <li>{@link #runOneAtATime}, the engine's best case, reported beside it: each client drives one
 * instance at a time through its whole lifecycle (start, fetch-and-lock and complete analyze and
 * deploy by business key, correlate terminate, the same for clean), so no more instances than
 * clients are ever running. The runtime tables stay small and each fetch finds one task.</li>
 * </ul>
 */
final class RawEngineRun implements AutoCloseable {

  /** What one level measured. */
  record Result(int clients, int instances, double seconds, double perSecond,
      Latencies lifecycle, CpuMeter.Usage cpuPerLifecycle,
      Map<String, Double> commandsPerLifecycle) {}

  static final String PROCESS = "service-lifecycle";
  private static final String TOPIC = "phasekeeper-step";
  private static final String WORKER = "bench-raw-worker";
  private static final long LOCK_MILLIS = 60_000;
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final HikariDataSource dataSource;
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final ExternalTaskService tasks;
  private final HistoryService history;

  /**
   * Builds the engine on {@code jdbcUrl} with a pool as large as the application's, and the
   * engine settings the application gets from the Camunda starter that are not Phasekeeper's:
   * UUID ids, history full, history time to live enforced.
   */
  RawEngineRun(String jdbcUrl, int poolSize, Path bpmn) {
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(jdbcUrl);
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    dataSource.setMaximumPoolSize(poolSize);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("bench-raw")
        .setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setIdGenerator(new StrongUuidGenerator());
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setBeans(Map.<Object, Object>of("serviceGates", new RawGates()));
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getExternalTaskService();
    history = engine.getHistoryService();
    deploy(bpmn);
  }

  private void deploy(Path bpmn) {
    try (InputStream content = Files.newInputStream(bpmn)) {
      engine.getRepositoryService().createDeployment().name("bench-raw")
          .addInputStream(bpmn.getFileName().toString(), content).deploy();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bpmn, e);
    }
  }

  /**
   * Drives {@code instances} lifecycles, business keys {@code prefix-N}, in the REST run's shape:
   * {@code clients} start them all and terminate them all, {@code workers} threads run the steps.
   * The latencies are those of the starts.
   */
  Result run(String prefix, int clients, int instances, int workers) {
    AtomicInteger deployed = new AtomicInteger();
    AtomicInteger cleaned = new AtomicInteger();
    CpuMeter cpu = new CpuMeter();
    CommandCounts commands = new CommandCounts(engine);
    long start = System.nanoTime();
    long[] nanos;
    CpuMeter.Usage used;
    double seconds;
    try (RawWorkers steps = new RawWorkers(tasks, TOPIC, WORKER, LOCK_MILLIS, workers,
        task -> count(task, deployed, cleaned))) {
      nanos = Clients.run(clients, instances,
          i -> runtime.startProcessInstanceByKey(PROCESS, prefix + "-" + i));
      awaitCount(deployed, instances, prefix + " deployed");
      Clients.run(clients, instances, i -> runtime.createMessageCorrelation("terminate")
          .processInstanceBusinessKey(prefix + "-" + i).correlateWithResult());
      awaitCount(cleaned, instances, prefix + " cleaned");
      seconds = (System.nanoTime() - start) / 1e9;
      used = cpu.usage().per(instances);
    }
    verifyTerminated(prefix, instances);
    return new Result(clients, instances, seconds, instances / seconds, Latencies.of(nanos),
        used, commands.perItem(instances));
  }

  private static void count(LockedExternalTask task, AtomicInteger deployed,
      AtomicInteger cleaned) {
    Object step = task.getVariables().get("step");
    if ("deploy".equals(step)) {
      deployed.incrementAndGet();
    } else if ("clean".equals(step)) {
      cleaned.incrementAndGet();
    }
  }

  /** Waits, checking every millisecond (no query: a counter), until {@code count} is reached. */
  private static void awaitCount(AtomicInteger count, int wanted, String what) {
    await(what).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(PATIENCE)
        .until(() -> count.get() >= wanted);
  }

  /**
   * Drives {@code instances} lifecycles, business keys {@code prefix-N}, each client one
   * instance at a time from start to end.
   */
  Result runOneAtATime(String prefix, int clients, int instances) {
    CpuMeter cpu = new CpuMeter();
    CommandCounts commands = new CommandCounts(engine);
    long start = System.nanoTime();
    long[] nanos = Clients.run(clients, instances, i -> lifecycle(prefix + "-" + i));
    double seconds = (System.nanoTime() - start) / 1e9;
    CpuMeter.Usage used = cpu.usage().per(instances);
    verifyTerminated(prefix, instances);
    return new Result(clients, instances, seconds, instances / seconds, Latencies.of(nanos),
        used, commands.perItem(instances));
  }

  private void lifecycle(String key) {
    runtime.startProcessInstanceByKey(PROCESS, key);
    complete(key, "analyze");
    complete(key, "deploy");
    runtime.createMessageCorrelation("terminate").processInstanceBusinessKey(key)
        .correlateWithResult();
    complete(key, "clean");
  }

  private void complete(String key, String step) {
    List<LockedExternalTask> locked = tasks.fetchAndLock(1, WORKER, true)
        .topic(TOPIC, LOCK_MILLIS).businessKey(key).variables("step").execute();
    if (locked.size() != 1 || !step.equals(locked.get(0).getVariables().get("step"))) {
      throw new IllegalStateException("instance " + key + " should wait in step " + step
          + " but these were fetched: " + locked);
    }
    tasks.complete(locked.get(0).getId(), WORKER);
  }

  private void verifyTerminated(String prefix, int instances) {
    List<HistoricProcessInstance> ended = history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike(prefix + "-%").completed().list();
    long terminated = ended.stream()
        .filter(instance -> "End_Terminated".equals(instance.getEndActivityId())).count();
    long running = runtime.createProcessInstanceQuery()
        .processInstanceBusinessKeyLike(prefix + "-%").count();
    if (terminated != instances || running != 0) {
      throw new IllegalStateException(prefix + ": " + terminated + " of " + instances
          + " instances ended in End_Terminated, " + running + " still running");
    }
  }

  /** This engine's database, for the benchmark's own statistics. */
  JdbcTemplate jdbc() {
    return new JdbcTemplate(dataSource);
  }

  @Override
  public void close() {
    engine.close();
    dataSource.close();
  }
}
