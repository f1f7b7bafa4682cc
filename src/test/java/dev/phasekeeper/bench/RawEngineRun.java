package dev.phasekeeper.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * executor off, {@link RawGates} as {@code serviceGates}), driven through the Java API the way
 * a client plus a worker would: start, fetch-and-lock and complete analyze and deploy, correlate
 * terminate, fetch-and-lock and complete clean. No Phasekeeper code is on this path.
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

  /** Drives {@code instances} lifecycles, business keys {@code prefix-N}, on that many clients. */
  Result run(String prefix, int clients, int instances) {
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
