package dev.phasekeeper.bench;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.ProcessEngine;

/**
 * Part (1): services driven through the Moab API. The clients create all the services, the
 * benchmark waits (one cheap count query at a time) until all are Deployed, the clients terminate
 * them all, and it waits until all are Terminated. The in-process workers run the steps.
 */
final class RestLifecycleRun {

  /** What one level measured; the phase times are seconds from the first POST. */
  record Result(
      int clients,
      int services,
      double seconds,
      double perSecond,
      double createdAfter,
      double deployedAfter,
      double terminateSentAfter,
      Latencies post,
      Latencies terminate,
      CpuMeter.Usage cpuPerService,
      Map<String, Double> commandsPerService) {}

  /**
   * How often the harness counts the services in the phase it waits for. The count is the harness
   * watching, not a client driving, yet it runs on the measured node: every 20 ms it cost a few ms
   * of CPU per service. So it counts every tenth of a second while most services are still on their
   * way, and every {@link #LAST_POLL} once nine in ten are there: a fixed tenth of a second added
   * 50 ms on average to each of the two waits, some 2 % of a one-client run, where the raw engine's
   * run sees its last step complete at once.
   */
  private static final Duration POLL = Duration.ofMillis(100);

  private static final Duration LAST_POLL = Duration.ofMillis(5);
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private final MoabClient moab;
  private final ProcessEngine engine;

  RestLifecycleRun(MoabClient moab, ProcessEngine engine) {
    this.moab = moab;
    this.engine = engine;
  }

  /** Creates, deploys and terminates {@code services} services of user {@code user}. */
  Result run(String user, int clients, int services) {
    String[] names = new String[services];
    CpuMeter cpu = new CpuMeter();
    CommandCounts commands = new CommandCounts(engine);
    long start = System.nanoTime();
    long[] posts = Clients.run(clients, services, i -> names[i] = create(user, i));
    long created = System.nanoTime();
    awaitPhase(user, "Deployed", services);
    long deployed = System.nanoTime();
    long[] terminates = Clients.run(clients, services, i -> terminate(names[i]));
    long terminateSent = System.nanoTime();
    awaitPhase(user, "Terminated", services);
    double seconds = seconds(start, System.nanoTime());
    return new Result(
        clients,
        services,
        seconds,
        services / seconds,
        seconds(start, created),
        seconds(start, deployed),
        seconds(start, terminateSent),
        Latencies.of(posts),
        Latencies.of(terminates),
        cpu.usage().per(services),
        commands.perItem(services));
  }

  private String create(String user, int i) {
    String body =
        "{\"tenant\":{\"name\":\"bench\"},\"user\":\""
            + user
            + "\",\"name\":\""
            + user
            + "-svc"
            + i
            + "\",\"type\":\"bench\"}";
    return moab.post(MoabClient.SERVICES, body)
        .expect(201, "create " + user + "-svc" + i)
        .body()
        .path("name")
        .asText();
  }

  private void terminate(String name) {
    moab.put(MoabClient.SERVICES + "/" + name + "/terminate").expect(200, "terminate " + name);
  }

  /** Waits until {@code services} services of the user are in the phase; fails after a while. */
  void awaitPhase(String user, String phase, int services) {
    String query = "{\"phase\":\"" + phase + "\",\"user\":\"" + user + "\"}";
    AtomicLong arrived = new AtomicLong();
    try {
      await()
          .pollDelay(Duration.ZERO)
          .atMost(PATIENCE)
          .pollInterval((polls, previous) -> arrived.get() * 10 >= services * 9L ? LAST_POLL : POLL)
          .until(
              () -> {
                arrived.set(moab.count(query));
                return arrived.get() >= services;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "not all "
              + services
              + " services of "
              + user
              + " reached "
              + phase
              + " within "
              + PATIENCE
              + "; some that did not: "
              + moab.query("{\"user\":\"" + user + "\",\"phase\":{\"$ne\":\"" + phase + "\"}}", 5)
                  .text(),
          e);
    }
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }
}
