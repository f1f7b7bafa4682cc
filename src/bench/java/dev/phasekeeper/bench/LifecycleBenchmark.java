package dev.phasekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lifecycle benchmark, run by {@code ./mvnw -Pbench verify} and by nothing else. In one run, on
 * durable H2 files under target/bench: (1) services per second from POST to Deployed and on to
 * Terminated through the Moab API, (2) the shipped BPMN on a plain Camunda engine and (2m) the same
 * job in its minimal shape ({@link LifecycleShape}), both driven the same way through the Java API
 * (all started, workers run the steps, all terminated), (3) the ratios of (1) to both anchors, at
 * 1, 4, 8 and 16 concurrent clients, and (4) query latency over 100,000 stored services. It writes
 * target/bench/results.json and results.md and prints the table. It asserts only that every run
 * completed correctly, never how fast.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=" + LifecycleBenchmark.DB_URL,
      "phasekeeper.security.admin-api-key=" + MoabClient.ADMIN_KEY,
      "phasekeeper.security.data-dir=target/bench/data"
    })
class LifecycleBenchmark {

  static final Path DIR = Path.of("target", "bench");

  /**
   * Both sides share these, the plan cache of the application's H2 URL included; the raw engine
   * also gets the page cache the application gave its own database ({@link #rawDatabase}).
   */
  static final String H2_OPTIONS =
      ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=256";

  static final String DB_URL = "jdbc:h2:file:./target/bench/db" + H2_OPTIONS;
  static final String RAW_DB_URL = "jdbc:h2:file:./target/bench/raw-db" + H2_OPTIONS;
  static final String MINIMAL_DB_URL = "jdbc:h2:file:./target/bench/minimal-db" + H2_OPTIONS;

  /**
   * Concurrent clients, and how many services each level drives: runs of seconds, so that the
   * harness's count every 100 ms adds a few per cent at most. {@code -Dbench.levels=16:100} runs
   * other levels (to look into one quickly).
   */
  static final Map<Integer, Integer> LEVELS =
      levels(System.getProperty("bench.levels", "1:200,4:400,8:400,16:800"));

  /**
   * Warm-up rounds at most ({@code -Dbench.warmup-rounds=N}); a round runs every level on both
   * sides, so each level's code paths (one client: a fetch per task; sixteen: batches) are hot
   * before it is measured. The JIT compiler needs minutes on this machine: with one fixed warm-up
   * of 400 services at 16 clients its C2 thread still used 0.6-0.7 of a core through the measured
   * levels, and a level never warmed paid most (16 ms of JIT CPU per service at one client after a
   * warm-up at sixteen). So the warm-up repeats rounds and then rests until the compiler is mostly
   * idle (see {@link #warmUp}), as JMH waits for a steady state.
   */
  static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 3);

  /**
   * Times each level is measured ({@code -Dbench.repeats=N}); the results report the repeat with
   * the median ratio and list all ratios. Under load the compiler keeps recompiling, and the host's
   * speed moves by 15 % and more from one minute to the next: one run of a few seconds can land on
   * either. Single ratios of one level ranged 0.43-0.71 in an afternoon of one-client runs, so five
   * repeats, whose median a single outlier cannot move far.
   */
  static final int REPEATS = Integer.getInteger("bench.repeats", 5);

  /** After the rounds, the longest the benchmark rests while the JIT catches up. */
  static final Duration JIT_REST = Duration.ofSeconds(120);

  /** Services stored for part (4); {@code -Dbench.stored-services=0} leaves part (4) out. */
  static final int STORED_SERVICES =
      Integer.parseInt(System.getProperty("bench.stored-services", "100000"));

  static final Duration QUERY_BUDGET = Duration.ofSeconds(30);

  /**
   * {@code -Dbench.sql-statistics=true} writes target/bench/sql-{phasekeeper,raw}-cN.txt: the SQL
   * statements each side ran per service at each level, from H2's query statistics.
   */
  static final boolean SQL_STATISTICS = Boolean.getBoolean("bench.sql-statistics");

  static {
    deleteResultsOfLastRun();
  }

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;
  @Autowired ProcessEngine engine;

  @Value("${spring.datasource.hikari.maximum-pool-size:10}")
  int poolSize;

  @Value("${phasekeeper.workers.threads}")
  int workerThreads;

  @Value("${spring.datasource.url}")
  String phasekeeperDatabase;

  @Test
  void shouldMeasureLifecycleThroughputAndQueryLatency() {
    MoabClient moab = new MoabClient(port);
    Results results = new Results(Machine.current(), setup());
    try (RawEngineRun raw =
            new RawEngineRun(
                rawDatabase(RAW_DB_URL),
                poolSize,
                LifecycleShape.shipped(Path.of("processes", "service-lifecycle.bpmn")));
        RawEngineRun minimal =
            new RawEngineRun(rawDatabase(MINIMAL_DB_URL), poolSize, LifecycleShape.minimal())) {
      results.setup().put("warmUp", warmUp(moab, raw, minimal));
      LEVELS.forEach(
          (clients, services) -> results.add(level(moab, raw, minimal, clients, services)));
    }
    if (STORED_SERVICES > 0) {
      results.set(queries(moab));
    }
    results.write(DIR);
    System.out.println(
        "\nLifecycleBenchmark results (target/bench/results.md):\n" + results.markdown());
    assertThat(DIR.resolve("results.json")).isNotEmptyFile();
  }

  /**
   * The raw engine's database URL with the page cache the application gave its own database: it
   * sets one for an H2 file database whose URL sets none.
   */
  private String rawDatabase(String url) {
    Matcher cache = Pattern.compile(";CACHE_SIZE=\\d+").matcher(phasekeeperDatabase);
    return url + (cache.find() ? cache.group() : "");
  }

  private Map<String, Object> setup() {
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("phasekeeperDatabase", phasekeeperDatabase);
    setup.put("rawEngineDatabase", rawDatabase(RAW_DB_URL));
    setup.put("minimalShapeDatabase", rawDatabase(MINIMAL_DB_URL));
    setup.put("connectionPool", poolSize);
    setup.put("phasekeeperWorkerThreads", workerThreads);
    setup.put("levels", "clients -> services: " + LEVELS);
    setup.put(
        "phasekeeperMethod",
        "clients POST all services, wait until all are Deployed"
            + " (count query every 100 ms), clients PUT terminate on all, wait until all are"
            + " Terminated; the in-process workers run the steps");
    setup.put(
        "rawEngineMethod",
        "as (1) through the Java API: clients start all instances,"
            + " wait until all are deployed (counted as the workers complete deploy), clients"
            + " correlate terminate on all, wait until all have run clean; "
            + workerThreads
            + " worker threads (as many as Phasekeeper's step workers) fetch-and-lock in batches and"
            + " complete; serviceGates is a stand-in that answers true");
    setup.put(
        "minimalShapeMethod",
        "as (2), on the minimal shape: start -> analyze, deploy"
            + " (external tasks) -> wait for terminate -> clean (external task) -> end");
    return setup;
  }

  /**
   * Lifecycles on both sides first, every level in each round, round after round until a round
   * leaves the JIT compiler mostly idle or {@link #WARMUP_ROUNDS} are done, then rest until the
   * compiler has caught up with what the rounds made hot (on this machine it lags by minutes under
   * load), so neither side is measured while still cold or while the compiler takes a core.
   *
   * @return what the warm-up took, for the results
   */
  private Map<String, Object> warmUp(MoabClient moab, RawEngineRun raw, RawEngineRun minimal) {
    RestLifecycleRun rest = new RestLifecycleRun(moab, engine);
    List<Double> compileShares = new ArrayList<>();
    for (int round = 1; round <= WARMUP_ROUNDS; round++) {
      long compiledBefore = JitRest.compiledMillis();
      long start = System.nanoTime();
      String suffix = "-r" + round;
      LEVELS.forEach(
          (clients, services) -> {
            rest.run("bench-warmup-c" + clients + suffix, clients, services);
            raw.run("raw-warmup-c" + clients + suffix, clients, services, workerThreads);
            minimal.run("min-warmup-c" + clients + suffix, clients, services, workerThreads);
          });
      double share = JitRest.shareSince(compiledBefore, start);
      compileShares.add(Math.round(share * 100) / 100.0);
      if (share < JitRest.IDLE_SHARE) {
        break;
      }
    }
    JitRest jitRest = JitRest.await(JIT_REST);
    Map<String, Object> warmUp = new LinkedHashMap<>();
    warmUp.put("rounds", compileShares.size());
    warmUp.put("eachRound", "every level on both sides: " + LEVELS);
    warmUp.put("jitCompileTimeShareOfEachRound", compileShares);
    warmUp.put("restSecondsForTheJit", jitRest.seconds());
    warmUp.put("jitShareOfTheLastSecondOfRest", jitRest.lastShare());
    return warmUp;
  }

  /** Measures a level {@link #REPEATS} times, each side in turn, and keeps the median. */
  private Results.Level level(
      MoabClient moab, RawEngineRun raw, RawEngineRun minimal, int clients, int services) {
    List<Results.Level> repeats = new ArrayList<>();
    for (int repeat = 1; repeat <= REPEATS; repeat++) {
      repeats.add(once(moab, raw, minimal, clients, services, "-c" + clients + "-r" + repeat));
    }
    return Results.Level.median(repeats);
  }

  private Results.Level once(
      MoabClient moab,
      RawEngineRun raw,
      RawEngineRun minimal,
      int clients,
      int services,
      String suffix) {
    JdbcTemplate rawJdbc = raw.jdbc();
    startSqlStatistics(jdbc);
    RestLifecycleRun.Result phasekeeper =
        new RestLifecycleRun(moab, engine).run("bench" + suffix, clients, services);
    writeSqlStatistics(jdbc, "sql-phasekeeper" + suffix + ".txt", services);
    assertThat(moab.count("{\"user\":\"bench" + suffix + "\"}")).isEqualTo(services);
    startSqlStatistics(rawJdbc);
    RawEngineRun.Result rawEngine = raw.run("raw" + suffix, clients, services, workerThreads);
    writeSqlStatistics(rawJdbc, "sql-raw" + suffix + ".txt", services);
    RawEngineRun.Result minimalShape =
        minimal.run("min" + suffix, clients, services, workerThreads);
    return new Results.Level(phasekeeper, rawEngine, minimalShape);
  }

  /** With {@code -Dbench.sql-statistics=true}: H2 counts the statements that run from now. */
  private static void startSqlStatistics(JdbcTemplate database) {
    if (SQL_STATISTICS) {
      database.execute("SET QUERY_STATISTICS_MAX_ENTRIES 5000");
      database.execute("SET QUERY_STATISTICS FALSE");
      database.execute("SET QUERY_STATISTICS TRUE");
    }
  }

  /**
   * Writes how often each statement ran per service (and its cumulative wall time per service, lock
   * waits included) to target/bench/{@code file}, the most frequent first.
   */
  private static void writeSqlStatistics(JdbcTemplate database, String file, int services) {
    if (!SQL_STATISTICS) {
      return;
    }
    StringBuilder out = new StringBuilder("per service: executions, wall ms, statement\n");
    database.query(
        "select execution_count, cumulative_execution_time, sql_statement"
            + " from information_schema.query_statistics order by execution_count desc",
        row -> {
          out.append(
              String.format(
                  java.util.Locale.ROOT,
                  "%8.2f %8.2f %s%n",
                  row.getLong(1) / (double) services,
                  row.getDouble(2) / services,
                  row.getString(3).replaceAll("\\s+", " ")));
        });
    database.execute("SET QUERY_STATISTICS FALSE");
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(file), out.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private Results.Queries queries(MoabClient moab) {
    ServiceSeeder seeder = new ServiceSeeder(jdbc, transaction);
    double seconds = seeder.seed(STORED_SERVICES);
    QueryLatencyRun run = new QueryLatencyRun(moab);
    QueryLatencyRun.Result byUser =
        run.run(
            i -> {
              String user = ServiceSeeder.user(i % 20);
              return new QueryLatencyRun.Probe(
                  "{\"user\":\"" + user + "\",\"type\":\"vm\"}",
                  seeder.withUserAndType(user, "vm"));
            },
            "user rotates over benchuser, user001..user019",
            50,
            500,
            QUERY_BUDGET);
    QueryLatencyRun.Result byTier =
        run.run(
            i -> {
              String tier = ServiceSeeder.TIERS.get(i % ServiceSeeder.TIERS.size());
              return new QueryLatencyRun.Probe(
                  "{\"attributes.tier\":\"" + tier + "\"}", seeder.withTier(tier));
            },
            "tier rotates over " + ServiceSeeder.TIERS,
            5,
            500,
            QUERY_BUDGET);
    return new Results.Queries(STORED_SERVICES, seconds, byUser, byTier);
  }

  private static Map<Integer, Integer> levels(String spec) {
    Map<Integer, Integer> levels = new LinkedHashMap<>();
    for (String level : spec.split(",")) {
      String[] parts = level.trim().split(":");
      levels.put(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
    return levels;
  }

  /**
   * Deletes this benchmark's files in target/bench (its databases, data folder, results and
   * statistics) before the application opens its database there. The hook benchmark's files stay:
   * {@code -Pbench verify} may have run it first.
   */
  private static void deleteResultsOfLastRun() {
    if (!Files.exists(DIR)) {
      return;
    }
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Path top = DIR.relativize(file);
        if (!top.toString().isEmpty() && isOwn(top.getName(0).toString())) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete in " + DIR, e);
    }
  }

  private static boolean isOwn(String name) {
    return name.equals("data")
        || name.startsWith("db.")
        || name.startsWith("raw-db.")
        || name.startsWith("minimal-db.")
        || name.startsWith("results.")
        || name.startsWith("sql-");
  }
}
