package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** A user of tenant A cannot reach tenant B's services; B's own user can. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantIsolationTest {

  @LocalServerPort int port;

  Api api;
  String tenantB;
  String keyA;
  String keyB;
  String service;

  @BeforeEach
  void twoTenantsAndAServiceOfB() {
    api = new Api(port);
    String tenantA = api.tenant(Api.unique("A"));
    tenantB = api.tenant(Api.unique("B"));
    keyA = api.userWithKey(Api.unique("alice"), tenantA);
    keyB = api.userWithKey(Api.unique("bob"), tenantB);
    ResponseEntity<String> created =
        api.post(
            "/mws/rest/services",
            keyB,
            "{\"tenant\":{\"name\":\""
                + tenantB
                + "\"},\"name\":\""
                + Api.unique("svc")
                + "\",\"type\":\"vm\"}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    service = Api.json(created).get("name").asText();
  }

  @Test
  void shouldLetTheOwningTenantReadItsService() {
    assertThat(api.get("/mws/rest/services/" + service, keyB).getStatusCode().value())
        .isEqualTo(200);
    assertThat(api.get("/mws/rest/services/" + service, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void shouldHideAnotherTenantsServiceFromGet() {
    assertThat(api.get("/mws/rest/services/" + service, keyA).getStatusCode().value())
        .isEqualTo(404);
    assertThat(api.get("/mws/rest/services/" + service + "/phases", keyA).getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void shouldRefuseToModifyAnotherTenantsService() {
    assertThat(
            api.put("/mws/rest/services/" + service, keyA, "{\"label\":\"mine now\"}")
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void shouldRefuseToTerminateAnotherTenantsService() {
    assertThat(
            api.put("/mws/rest/services/" + service + "/terminate", keyA, "{}")
                .getStatusCode()
                .value())
        .isEqualTo(404);
    assertThat(api.get("/mws/rest/services/" + service, keyB).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseToUnblockAnotherTenantsService() {
    assertThat(
            api.put("/mws/rest/services/" + service + "/unblock", keyA, "{}")
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void shouldLeaveAnotherTenantsServiceOutOfQueries() {
    String query =
        "?query=" + URLEncoder.encode("{\"name\":\"" + service + "\"}", StandardCharsets.UTF_8);

    JsonNode seenByA = Api.json(api.get("/mws/rest/services" + query, keyA));
    JsonNode seenByB = Api.json(api.get("/mws/rest/services" + query, keyB));
    JsonNode allOfA = Api.json(api.get("/mws/rest/services?max=1000", keyA));

    assertThat(seenByA.get("totalCount").asLong()).isZero();
    assertThat(seenByB.get("totalCount").asLong()).isEqualTo(1);
    assertThat(allOfA.get("results").findValuesAsText("name")).doesNotContain(service);
  }

  @Test
  void shouldRefuseToCreateServicesInAnotherTenant() {
    ResponseEntity<String> response =
        api.post(
            "/mws/rest/services",
            keyA,
            "{\"tenant\":{\"name\":\""
                + tenantB
                + "\"},\"name\":\""
                + Api.unique("intruder")
                + "\",\"type\":\"vm\"}");

    assertThat(response.getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void shouldKeepAnotherTenantsHookRunsOutOfTheRunningList() {
    ResponseEntity<String> created =
        api.post(
            "/mws/rest/services",
            keyB,
            "{\"tenant\":{\"name\":\""
                + tenantB
                + "\"},\"name\":\""
                + Api.unique("hooked")
                + "\",\"type\":\"vm\",\"hookDefinitions\":[{\"name\":\"hello\","
                + "\"transition\":\"submit\",\"type\":\"after\","
                + "\"url\":\"exec:///opt/mws/spool/hooks/helloWorld.sh\"}]}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String id =
        Api.json(api.get("/mws/rest/services/" + Api.json(created).get("name").asText(), keyB))
            .get("id")
            .asText();
    String query =
        "/mws/rest/services/hooks/running?max=1000&query="
            + URLEncoder.encode("{\"serviceId\":\"" + id + "\"}", StandardCharsets.UTF_8);
    assertThat(Api.json(api.get(query, keyB)).get("totalCount").asInt()).isEqualTo(1);
    assertThat(Api.json(api.get(query, Api.ADMIN_KEY)).get("totalCount").asInt()).isEqualTo(1);
    assertThat(Api.json(api.get(query, keyA)).get("totalCount").asInt()).isZero();
    assertThat(
            api.get("/mws/rest/services/" + id + "/hooks/definitions", keyA)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }
}
