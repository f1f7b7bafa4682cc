package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Creates that race each other over real HTTP: whatever they share (a tenant that does not exist
 * yet, the same service names, the same idempotency key), each answers 201 or a 409 that says what
 * conflicted, never a 5xx, and what was answered 201 exists.
 */
class ConcurrentCreatesTest extends MoabRestTestSupport {

  private static final int CLIENTS = 8;
  private static final int BATCH = 50;

  @Test
  void shouldCreateEveryBatchOfEightClientsIntoATenantThatDoesNotExistYet() throws Exception {
    String tenant = unique("first");
    List<MoabHttp.Response> answers =
        all(
            CLIENTS,
            client -> http.post(MoabHttp.SERVICES + "?api-version=3", batch(tenant, "web", BATCH)));

    assertOnlyCreatedOrConflicts(answers);
    long created = answers.stream().filter(a -> a.status() == 201).count();
    assertThat(countInTenant(tenant)).isEqualTo(created * BATCH);
    Set<String> names = new HashSet<>();
    list("{\"tenant.name\":\"" + tenant + "\"}", "&max=1000")
        .path("results")
        .forEach(service -> names.add(service.path("name").asText()));
    assertThat(names).as("every service has a name of its own").hasSize((int) created * BATCH);
  }

  @Test
  void shouldReplayOneCreateToEveryClientSendingTheSameIdempotencyKeyAtOnce() throws Exception {
    String tenant = unique("same-key");
    String key = unique("key");
    String body = batch(tenant, "db", 5);
    List<MoabHttp.Response> answers =
        all(
            CLIENTS,
            client ->
                http.post(MoabHttp.SERVICES + "?api-version=3", body, "Idempotency-Key", key));

    assertOnlyCreatedOrConflicts(answers);
    assertThat(
            answers.stream().filter(a -> a.status() == 201).map(MoabHttp.Response::text).distinct())
        .as("one answer, replayed")
        .hasSize(1);
    assertThat(countInTenant(tenant)).isEqualTo(5);
  }

  @Test
  void shouldKeepAnsweringHealthWhileTheLargestBatchIsCreated() throws Exception {
    String tenant = unique("largest");
    AtomicBoolean creating = new AtomicBoolean(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<MoabHttp.Response> create =
        pool.submit(
            () -> {
              try {
                return http.post(
                    MoabHttp.SERVICES + "?api-version=3",
                    batch(tenant, "big", CreateRequestParser.MAX_BATCH));
              } finally {
                creating.set(false);
              }
            });
    List<Long> healthMillis = new ArrayList<>();
    try {
      while (creating.get()) {
        long start = System.nanoTime();
        MoabHttp.Response health = http.get("/actuator/health");
        healthMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        Thread.sleep(100);
      }
      MoabHttp.Response created = create.get(2, TimeUnit.MINUTES);
      assertThat(created.status()).as(created.text()).isEqualTo(201);
    } finally {
      pool.shutdownNow();
    }
    assertThat(healthMillis)
        .as("health answered within 5 s while the batch was created")
        .isNotEmpty()
        .allSatisfy(millis -> assertThat(millis).isLessThan(5000));
  }

  private static void assertOnlyCreatedOrConflicts(List<MoabHttp.Response> answers) {
    for (MoabHttp.Response answer : answers) {
      assertThat(answer.status()).as(answer.text()).isIn(201, 409);
      if (answer.status() == 409) {
        assertThat(answer.messages()).as("says what conflicted").contains("concurrent");
      }
    }
  }

  private static String batch(String tenant, String prefix, int size) {
    StringBuilder body =
        new StringBuilder(
            "{\"tenant\":{\"name\":\"" + tenant + "\"}," + "\"user\":\"racer\",\"data\":[");
    for (int i = 0; i < size; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"name\":\"")
          .append(prefix)
          .append('-')
          .append(i)
          .append("\",\"type\":\"vm\"}");
    }
    return body.append("]}").toString();
  }

  /** Runs the request from every client at the same moment and collects their answers. */
  private static List<MoabHttp.Response> all(int clients, ClientRequest request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<MoabHttp.Response>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int client = i;
        Callable<MoabHttp.Response> call =
            () -> {
              start.await();
              return request.send(client);
            };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<MoabHttp.Response> answers = new ArrayList<>();
      for (Future<MoabHttp.Response> future : futures) {
        answers.add(future.get(Duration.ofMinutes(3).toMillis(), TimeUnit.MILLISECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private interface ClientRequest {
    MoabHttp.Response send(int client);
  }
}
