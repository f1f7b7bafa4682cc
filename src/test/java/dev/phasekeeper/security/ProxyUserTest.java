package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** Moab's proxy-user: the admin (application account) acts as a user of one tenant. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxyUserTest {

  @LocalServerPort int port;

  Api api;
  String tenant;
  String user;
  String userKey;

  @BeforeEach
  void aUser() {
    api = new Api(port);
    tenant = api.tenant(Api.unique("t"));
    user = Api.unique("carol");
    userKey = api.userWithKey(user, tenant);
  }

  @Test
  void shouldCreateAndListAsTheProxiedUser() {
    String otherTenant = api.tenant(Api.unique("other"));
    ResponseEntity<String> created =
        api.post(
            "/mws/rest/services?proxy-user=" + user,
            Api.ADMIN_KEY,
            "{\"tenant\":{\"name\":\""
                + tenant
                + "\"},\"name\":\""
                + Api.unique("svc")
                + "\",\"type\":\"vm\"}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    String service = Api.json(created).get("name").asText();

    JsonNode document = Api.json(api.get("/mws/rest/services/" + service, userKey));
    assertThat(document.get("user").asText()).isEqualTo(user);
    assertThat(document.get("tenant").get("name").asText()).isEqualTo(tenant);

    ResponseEntity<String> elsewhere =
        api.post(
            "/mws/rest/services?proxy-user=" + user,
            Api.ADMIN_KEY,
            "{\"tenant\":{\"name\":\""
                + otherTenant
                + "\"},\"name\":\""
                + Api.unique("svc")
                + "\",\"type\":\"vm\"}");
    assertThat(elsewhere.getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void shouldSeeOnlyTheProxiedUsersTenant() {
    String own = createAsAdmin(tenant);
    String foreign = createAsAdmin(Api.unique("other"));

    ResponseEntity<String> asProxy =
        api.get("/mws/rest/services?max=1000&proxy-user=" + user, Api.ADMIN_KEY);
    ResponseEntity<String> asAdmin = api.get("/mws/rest/services?max=1000", Api.ADMIN_KEY);

    assertThat(asProxy.getStatusCode().value()).isEqualTo(200);
    assertThat(Api.json(asProxy).get("results").findValuesAsText("name"))
        .contains(own)
        .doesNotContain(foreign);
    assertThat(Api.json(asProxy).get("results").findValuesAsText("id")).isNotEmpty();
    assertThat(Api.json(asAdmin).get("results").findValuesAsText("name")).contains(own, foreign);
  }

  @Test
  void shouldRefuseProxyUserFromANonAdmin() {
    String other = Api.unique("erin");
    api.userWithKey(other, tenant);

    ResponseEntity<String> response = api.get("/mws/rest/services?proxy-user=" + other, userKey);

    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(Api.json(response).get("messages").get(0).asText())
        .startsWith("proxy-user:")
        .contains("admin");
  }

  @Test
  void shouldRefuseAnUnknownProxyUser() {
    ResponseEntity<String> response =
        api.get("/mws/rest/services?proxy-user=nobody-here", Api.ADMIN_KEY);

    assertThat(response.getStatusCode().value()).isEqualTo(403);
    assertThat(Api.json(response).get("messages").get(0).asText())
        .isEqualTo("proxy-user: no user is named 'nobody-here'");
  }

  @Test
  void shouldRefuseAnAdminAsProxyUser() {
    ResponseEntity<String> response = api.get("/mws/rest/services?proxy-user=admin", Api.ADMIN_KEY);

    assertThat(response.getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void shouldCheckRolesAsTheProxiedUser() {
    ResponseEntity<String> response =
        api.put(
            "/mws/rest/services/hooks/global-definitions/audit?proxy-user=" + user,
            Api.ADMIN_KEY,
            "{}");

    assertThat(response.getStatusCode().value()).isEqualTo(403);
  }

  /** The admin may create in any tenant; an unknown one is created on the way. */
  private String createAsAdmin(String tenantName) {
    ResponseEntity<String> created =
        api.post(
            "/mws/rest/services",
            Api.ADMIN_KEY,
            "{\"tenant\":{\"name\":\""
                + tenantName
                + "\"},\"name\":\""
                + Api.unique("svc")
                + "\",\"type\":\"vm\"}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    return Api.json(created).get("name").asText();
  }
}
