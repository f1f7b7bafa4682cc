package dev.phasekeeper.bench;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
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
 * The anchors: a lifecycle model ({@link LifecycleShape}) on a plain Camunda engine of its own (own
 * H2 file, history full, job executor off, {@link RawGates} as {@code serviceGates}, {@link
 * RawBeforeHooks} as {@code beforeHooks}), driven through the Java API in the REST run's shape: the
 * clients start every instance, {@link RawWorkers} complete the steps (as many threads as
 * Phasekeeper's step workers), the run waits until every instance is deployed, the clients
 * correlate terminate for each, and it waits until every instance has run its clean step. No
 * Phasekeeper code is on this path.
 */
final class RawEngineRun implements AutoCloseable {

  /** What one level measured. */
  record Result(
      int clients,
      int instances,
      double seconds,
      double perSecond,
      Latencies lifecycle,
      CpuMeter.Usage cpuPerLifecycle,
      Map<String, Double> commandsPerLifecycle) {}

  private static final String TOPIC = LifecycleShape.TOPIC;
  private static final String WORKER = "bench-raw-worker";
  private static final long LOCK_MILLIS = 60_000;
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final HikariDataSource dataSource;
  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final ExternalTaskService tasks;
  private final HistoryService history;
  private final LifecycleShape shape;

  /**
   * Builds the engine on {@code jdbcUrl} with a pool as large as the application's, and the engine
   * settings the application gets from the Camunda starter that are not Phasekeeper's: UUID ids,
   * history full, history time to live enforced.
   */
  RawEngineRun(String jdbcUrl, int poolSize, LifecycleShape shape) {
    this.shape = shape;
    dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(jdbcUrl);
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    dataSource.setMaximumPoolSize(poolSize);
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl)
            ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    configuration
        .setProcessEngineName("bench-raw-" + shape.name())
        .setDataSource(dataSource)
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false);
    configuration.setIdGenerator(new StrongUuidGenerator());
    configuration.setEnforceHistoryTimeToLive(true);
    configuration.setBeans(
        Map.<Object, Object>of(
            "serviceGates", new RawGates(), "beforeHooks", new RawBeforeHooks()));
    engine = configuration.buildProcessEngine();
    runtime = engine.getRuntimeService();
    tasks = engine.getExternalTaskService();
    history = engine.getHistoryService();
    engine
        .getRepositoryService()
        .createDeployment()
        .name("bench-raw-" + shape.name())
        .addModelInstance(shape.processKey() + ".bpmn", shape.model())
        .deploy();
  }

  /** The model this engine runs. */
  LifecycleShape shape() {
    return shape;
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
    try (RawWorkers steps =
        new RawWorkers(
            tasks, TOPIC, WORKER, LOCK_MILLIS, workers, task -> count(task, deployed, cleaned))) {
      nanos =
          Clients.run(
              clients,
              instances,
              i -> runtime.startProcessInstanceByKey(shape.processKey(), prefix + "-" + i));
      awaitCount(deployed, instances, prefix + " deployed");
      Clients.run(
          clients,
          instances,
          i ->
              runtime
                  .createMessageCorrelation("terminate")
                  .processInstanceBusinessKey(prefix + "-" + i)
                  .correlateWithResult());
      awaitCount(cleaned, instances, prefix + " cleaned");
      seconds = (System.nanoTime() - start) / 1e9;
      used = cpu.usage().per(instances);
    }
    verifyTerminated(prefix, instances);
    return new Result(
        clients,
        instances,
        seconds,
        instances / seconds,
        Latencies.of(nanos),
        used,
        commands.perItem(instances));
  }

  private static void count(
      LockedExternalTask task, AtomicInteger deployed, AtomicInteger cleaned) {
    Object step = task.getVariables().get("step");
    if ("deploy".equals(step)) {
      deployed.incrementAndGet();
    } else if ("clean".equals(step)) {
      cleaned.incrementAndGet();
    }
  }

  /** Waits, checking every millisecond (no query: a counter), until {@code count} is reached. */
  private static void awaitCount(AtomicInteger count, int wanted, String what) {
    await(what)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .atMost(PATIENCE)
        .until(() -> count.get() >= wanted);
  }

  private void verifyTerminated(String prefix, int instances) {
    List<HistoricProcessInstance> ended =
        history
            .createHistoricProcessInstanceQuery()
            .processInstanceBusinessKeyLike(prefix + "-%")
            .completed()
            .list();
    long terminated =
        ended.stream()
            .filter(instance -> shape.terminatedEndId().equals(instance.getEndActivityId()))
            .count();
    long running =
        runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "-%").count();
    if (terminated != instances || running != 0) {
      throw new IllegalStateException(
          prefix
              + ": "
              + terminated
              + " of "
              + instances
              + " instances ended in End_Terminated, "
              + running
              + " still running");
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
