package dev.phasekeeper.services.internal;

import static dev.phasekeeper.services.internal.MoabSeedExamplesTest.names;
import static dev.phasekeeper.services.internal.MoabSeedExamplesTest.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Phasekeeper's additions to the Moab services surface (phase history, idempotent create, ETag /
 * If-Match), paging and sorting, and what terminate and unblock do to a container.
 */
class MoabServicesRestTest extends MoabRestTestSupport {

  @Test
  void shouldListThePhaseHistoryOfAService() {
    String name = create(serviceJson(unique("history"), "plain", "vm", ""));
    awaitPhase(name, "Deployed");

    MoabHttp.Response history = http.get(MoabHttp.SERVICES + "/" + name + "/phases");

    assertThat(history.status()).isEqualTo(200);
    JsonNode results = history.body().get("results");
    assertThat(history.body().get("totalCount").asInt()).isEqualTo(results.size());
    assertThat(transitions(results))
        .containsExactly(
            "null-null->Defining",
            "Defining-submit->Analyzing",
            "Analyzing-accept->Deploying",
            "Deploying-deploy->Deployed");
    assertThat(results)
        .allSatisfy(
            entry ->
                assertThat(entry.get("time").asText())
                    .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC"));
    String id = service(name).get("id").asText();
    assertThat(http.get(MoabHttp.SERVICES + "/" + id + "/phases?api-version=3").body())
        .isEqualTo(history.body());
  }

  @Test
  void shouldCreateTheFirstServicesOfANewTenantAtOnce() throws Exception {
    String tenant = unique("crowd");
    int clients = 8;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(clients);
    try {
      List<Future<MoabHttp.Response>> responses = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        String body = serviceJson(tenant, "first" + i, "vm", "");
        responses.add(
            threads.submit(
                () -> {
                  go.await();
                  return http.post(MoabHttp.SERVICES, body);
                }));
      }
      go.countDown();

      for (Future<MoabHttp.Response> response : responses) {
        MoabHttp.Response created = response.get(30, TimeUnit.SECONDS);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(countInTenant(tenant)).isEqualTo(clients);
  }

  @Test
  void shouldAcceptAndIgnoreApiVersion3OnEveryEndpoint() {
    String tenant = unique("apiversion");
    String vmId = unique("vm");
    String name =
        create(
            serviceJson(tenant, "versioned", "vm", "\"attributes\":{\"vmId\":\"" + vmId + "\"}"));
    awaitPhase(name, "Deployed");
    String query = "&query=" + MoabHttp.encode("{\"tenant.name\":\"" + tenant + "\"}");

    for (String path :
        List.of(
            "/" + name,
            "/" + name + "/root",
            "/" + name + "/phases",
            "/vms/" + vmId,
            "/" + name + "/hooks/definitions")) {
      MoabHttp.Response plain = http.get(MoabHttp.SERVICES + path);
      MoabHttp.Response versioned = http.get(MoabHttp.SERVICES + path + "?api-version=3");
      assertThat(versioned.status()).as(path).isEqualTo(200);
      assertThat(versioned.body()).as(path).isEqualTo(plain.body());
    }
    assertThat(http.get(MoabHttp.SERVICES + "?api-version=3" + query).body())
        .isEqualTo(http.get(MoabHttp.SERVICES + "?" + query.substring(1)).body());
    assertThat(
            http.put(MoabHttp.SERVICES + "/" + name + "?api-version=3", "{\"label\":\"v3\"}")
                .status())
        .isEqualTo(200);
    assertThat(http.put(MoabHttp.SERVICES + "/" + name + "/unblock?api-version=3", null).status())
        .isEqualTo(409);
    assertThat(http.put(MoabHttp.SERVICES + "/" + name + "/terminate?api-version=3", null).status())
        .isEqualTo(200);
    awaitPhase(name, "Terminated");
    assertThat(
            http.delete(MoabHttp.SERVICES + "/" + name + "?api-version=3&force-delete=false")
                .status())
        .isEqualTo(200);
  }

  @Test
  void shouldCreateOnceForTheSameIdempotencyKey() {
    String tenant = unique("idem");
    String key = UUID.randomUUID().toString();
    String body = serviceJson(tenant, "once", "vm", "");

    MoabHttp.Response first =
        http.post(MoabHttp.SERVICES + "?api-version=3", body, "Idempotency-Key", key);
    MoabHttp.Response retry =
        http.post(MoabHttp.SERVICES + "?api-version=3", body, "Idempotency-Key", key);

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(countInTenant(tenant)).isEqualTo(1);

    MoabHttp.Response other =
        http.post(
            MoabHttp.SERVICES + "?api-version=3",
            body,
            "Idempotency-Key",
            UUID.randomUUID().toString());
    assertThat(other.body().get("name").asText()).isNotEqualTo(first.body().get("name").asText());
    assertThat(countInTenant(tenant)).isEqualTo(2);
  }

  @Test
  void shouldRefuseAnIdempotencyKeyReusedWithAnotherBody() {
    String tenant = unique("idem-reuse");
    String key = UUID.randomUUID().toString();
    String body = serviceJson(tenant, "first", "vm", "");
    MoabHttp.Response first =
        http.post(MoabHttp.SERVICES + "?api-version=3", body, "Idempotency-Key", key);

    MoabHttp.Response reused =
        http.post(
            MoabHttp.SERVICES + "?api-version=3",
            serviceJson(tenant, "second", "vm", ""),
            "Idempotency-Key",
            key);
    MoabHttp.Response retry =
        http.post(MoabHttp.SERVICES + "?api-version=3", body, "Idempotency-Key", key);

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(reused.status()).as(reused.text()).isEqualTo(422);
    assertThat(reused.messages())
        .contains("Idempotency-Key")
        .contains("was used for a different request");
    assertThat(retry.status()).as(retry.text()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(countInTenant(tenant)).isEqualTo(1);
  }

  @Test
  void shouldHonourIfMatchWithTheETagOfGet() {
    String name = create(serviceJson(unique("etag"), "tagged", "vm", ""));
    awaitPhase(name, "Deployed");
    MoabHttp.Response read = http.get(MoabHttp.SERVICES + "/" + name + "?api-version=3");
    String etag = read.header("ETag").orElseThrow();
    assertThat(etag).startsWith("\"");

    MoabHttp.Response current =
        http.put(
            MoabHttp.SERVICES + "/" + name + "?api-version=3",
            "{\"label\":\"first\"}",
            "If-Match",
            etag);
    assertThat(current.status()).as(current.text()).isEqualTo(200);
    String newEtag = current.header("ETag").orElseThrow();
    assertThat(newEtag).isNotEqualTo(etag);
    assertThat(http.get(MoabHttp.SERVICES + "/" + name).header("ETag")).hasValue(newEtag);

    MoabHttp.Response stale =
        http.put(
            MoabHttp.SERVICES + "/" + name + "?api-version=3",
            "{\"label\":\"second\"}",
            "If-Match",
            etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.messages()).contains("If-Match");
    assertThat(service(name).get("label").asText()).isEqualTo("first");
  }

  @Test
  void shouldSendASmallAnswerWholeWithItsLengthAndALargeOneInFull() {
    String tenant = unique("whole");
    String name = create(serviceJson(tenant, "w0", "vm", ""));
    for (int i = 1; i < 30; i++) {
      create(serviceJson(tenant, "w" + i, "vm", ""));
    }

    MoabHttp.Response one = http.get(MoabHttp.SERVICES + "/" + name);
    MoabHttp.Response all =
        http.get(
            MoabHttp.SERVICES
                + "?query="
                + MoabHttp.encode("{\"tenant.name\":\"" + tenant + "\"}"));

    assertThat(one.status()).isEqualTo(200);
    assertThat(one.header("Transfer-Encoding")).isEmpty();
    assertThat(one.header("Content-Length"))
        .contains(String.valueOf(one.text().getBytes(StandardCharsets.UTF_8).length));
    assertThat(all.text().length()).as("larger than Tomcat's 8 KiB buffer").isGreaterThan(8192);
    assertThat(all.body().path("resultCount").asInt()).isEqualTo(30);
  }

  @Test
  void shouldPageAndSortTheServicesOfAQuery() {
    String tenant = unique("paging");
    for (String base : List.of("pa", "pb", "pc", "pd", "pe")) {
      create(serviceJson(tenant, base, "vm", ""));
    }
    String query = "{\"tenant.name\":\"" + tenant + "\"}";

    JsonNode firstPage = list(query, "&max=2&offset=0&sort=" + MoabHttp.encode("{\"name\":-1}"));
    JsonNode lastPage = list(query, "&max=2&offset=4&sort=" + MoabHttp.encode("{\"name\":-1}"));
    JsonNode ascending = list(query, "&sort=" + MoabHttp.encode("{\"name\":1}"));

    assertThat(firstPage.get("totalCount").asInt()).isEqualTo(5);
    assertThat(firstPage.get("resultCount").asInt()).isEqualTo(2);
    assertThat(names(firstPage)).allSatisfy(n -> assertThat(n).matches("p[ed]\\.\\d+"));
    assertThat(names(firstPage).get(0)).startsWith("pe.");
    assertThat(lastPage.get("totalCount").asInt()).isEqualTo(5);
    assertThat(lastPage.get("resultCount").asInt()).isEqualTo(1);
    assertThat(names(lastPage).get(0)).startsWith("pa.");
    List<String> all = names(ascending);
    assertThat(all).hasSize(5).isSorted();
    List<String> descending =
        new ArrayList<>(names(list(query, "&sort=" + MoabHttp.encode("{\"name\":-1}"))));
    java.util.Collections.reverse(descending);
    assertThat(descending).containsExactlyElementsOf(all);
  }

  @Test
  void shouldTerminateTheChildrenOfATerminatedContainer() {
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + unique("killbox")
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"app\",\"db\"],"
                + "\"attributes\":{\"moab\":{\"dependencies\":[{\"service\":\"app\","
                + "\"dependency\":[\"db\"]}]}}},"
                + "{\"name\":\"app\",\"type\":\"vm\"},{\"name\":\"db\",\"type\":\"storage\"}]}");
    List<String> children = texts(service(top).get("includedServices"));
    awaitPhase(top, "Deployed");

    MoabHttp.Response terminated =
        http.put(MoabHttp.SERVICES + "/" + top + "/terminate?api-version=3", null);

    assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);
    assertThat(terminated.body().toString()).contains(children.get(0), children.get(1));
    awaitPhase(top, "Terminated");
    for (String child : children) {
      assertThat(phase(child)).as(child).isEqualTo("Terminated");
      assertThat(transitions(history(child))).contains("Deployed-terminate->Cleaning");
    }
    MoabHttp.Response again =
        http.put(MoabHttp.SERVICES + "/" + children.get(0) + "/terminate?api-version=3", null);
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void shouldUnblockTheBlockedChildrenOfAContainer() {
    String type = unique("flakyvm");
    writeStep(type, "deploy", "#!/bin/sh\necho 'disk full' >&2\nexit 1\n");
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + unique("unblockbox")
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"one\",\"two\"]},"
                + "{\"name\":\"one\",\"type\":\""
                + type
                + "\"},"
                + "{\"name\":\"two\",\"type\":\""
                + type
                + "\"}]}");
    List<String> children = texts(service(top).get("includedServices"));
    children.forEach(child -> awaitPhase(child, "Blocked"));
    assertThat(phase(top)).isEqualTo("Deploying");

    writeStep(type, "deploy", "#!/bin/sh\nexit 0\n");
    MoabHttp.Response unblocked =
        http.put(MoabHttp.SERVICES + "/" + top + "/unblock?api-version=3", null);

    assertThat(unblocked.status()).as(unblocked.text()).isEqualTo(200);
    assertThat(unblocked.body()).hasSize(2);
    assertThat(unblocked.body().toString()).contains(children.get(0), children.get(1));
    awaitPhase(top, "Deployed");
    children.forEach(child -> assertThat(phase(child)).isEqualTo("Deployed"));
  }

  @Test
  void shouldTerminateAServiceThatANewContainerIncludedAfterItDeployedAlone() {
    String tenant = unique("adoptbox");
    String solo =
        create(
            "{\"tenant\":{\"name\":\""
                + tenant
                + "\"},\"data\":["
                + "{\"name\":\"solo\",\"type\":\"vm\"}]}");
    awaitPhase(solo, "Deployed");
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + tenant
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\""
                + solo
                + "\"]}]}");
    awaitPhase(top, "Deployed");
    assertThat(service(solo).get("parent").asText()).isEqualTo(top);

    assertThat(http.put(MoabHttp.SERVICES + "/" + top + "/terminate", null).status())
        .isEqualTo(200);

    awaitPhase(top, "Terminated");
    assertThat(phase(solo)).isEqualTo("Terminated");
    assertThat(transitions(history(top)))
        .containsSubsequence("Deployed-terminate->Cleaning", "Cleaning-clean->Terminated");
  }

  @Test
  void shouldTerminateAContainerWhoseChildWasTerminatedAlready() {
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + unique("halfbox")
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"early\",\"late\"]},"
                + "{\"name\":\"early\",\"type\":\"vm\"},{\"name\":\"late\",\"type\":\"vm\"}]}");
    List<String> children = texts(service(top).get("includedServices"));
    awaitPhase(top, "Deployed");
    assertThat(http.put(MoabHttp.SERVICES + "/" + children.get(0) + "/terminate", null).status())
        .isEqualTo(200);
    awaitPhase(children.get(0), "Terminated");
    assertThat(phase(top)).isEqualTo("Deployed");

    assertThat(http.put(MoabHttp.SERVICES + "/" + top + "/terminate", null).status())
        .isEqualTo(200);

    awaitPhase(top, "Terminated");
    assertThat(phase(children.get(1))).isEqualTo("Terminated");
  }

  @Test
  void shouldDeleteAChildThatItsContainerNeedsOnlyWithForceDelete() {
    String top =
        create(
            "{\"tenant\":{\"name\":\""
                + unique("forcebox")
                + "\"},\"data\":["
                + "{\"name\":\"box\",\"type\":\"container\",\"includedServices\":[\"part\"]},"
                + "{\"name\":\"part\",\"type\":\"vm\"}]}");
    String child = texts(service(top).get("includedServices")).get(0);
    awaitPhase(top, "Deployed");
    assertThat(http.put(MoabHttp.SERVICES + "/" + child + "/terminate", null).status())
        .isEqualTo(200);
    awaitPhase(child, "Terminated");

    MoabHttp.Response refused = http.delete(MoabHttp.SERVICES + "/" + child + "?api-version=3");
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.messages()).contains(top, "force-delete");
    assertThat(phase(child)).isEqualTo("Terminated");

    MoabHttp.Response forced =
        http.delete(MoabHttp.SERVICES + "/" + child + "?api-version=3&force-delete=true");
    assertThat(forced.status()).as(forced.text()).isEqualTo(200);
    assertThat(http.get(MoabHttp.SERVICES + "/" + child).status()).isEqualTo(404);
  }

  private JsonNode history(String name) {
    return http.get(MoabHttp.SERVICES + "/" + name + "/phases").body().get("results");
  }

  private static List<String> transitions(JsonNode results) {
    List<String> transitions = new ArrayList<>();
    results.forEach(
        e ->
            transitions.add(
                e.get("from").asText()
                    + "-"
                    + e.get("transition").asText()
                    + "->"
                    + e.get("to").asText()));
    return transitions;
  }
}
