package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiKeyAuthenticationTest {

  /** A surface with headers of its own, as Loom's will declare them: no module names it yet. */
  @TestConfiguration(proxyBeanMethods = false)
  static class LoomHeaders {

    @Bean
    UserKeyHeaders loomKeyHeaders() {
      return new UserKeyHeaders("/v1/loom/**", "X-Loom-UserID", "X-Loom-ApiKey");
    }
  }

  @LocalServerPort int port;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  /** A sample of every surface that exists, plus a path nobody serves. */
  static Stream<String> surfaces() {
    return Stream.of(
        "/mws/rest/services",
        "/admin/users",
        "/admin/tenants",
        "/admin/api-keys",
        "/v3/api-docs",
        "/actuator/metrics",
        "/v1/loom/clusters",
        "/no/such/path");
  }

  @ParameterizedTest
  @MethodSource("surfaces")
  void shouldAnswer401WithoutKey(String path) {
    ResponseEntity<String> response = api.get(path, null);

    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
  }

  @ParameterizedTest
  @MethodSource("surfaces")
  void shouldAnswer401WithWrongKey(String path) {
    assertThat(api.get(path, "not-a-key").getStatusCode().value()).isEqualTo(401);
    assertThat(api.get(path, Api.ADMIN_KEY + "x").getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void shouldAnswerMoabShapedBodyOn401UnderMws() {
    ResponseEntity<String> response = api.get("/mws/rest/services", "wrong");

    assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(Api.json(response).get("messages").get(0).asText())
        .isEqualTo("authentication required: send X-Api-Key or Authorization: Bearer");
  }

  @Test
  void shouldAnswerProblemJsonOn401Elsewhere() {
    ResponseEntity<String> response = api.get("/admin/users", null);

    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode problem = Api.json(response);
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("detail").asText()).contains("X-Api-Key");
  }

  @ParameterizedTest
  @MethodSource("surfaces")
  void shouldLetTheAdminKeyThrough(String path) {
    int status = api.get(path, Api.ADMIN_KEY).getStatusCode().value();

    if (path.equals("/no/such/path") || path.startsWith("/v1/loom")) {
      assertThat(status).isEqualTo(404);
    } else {
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void shouldDescribeTheKeyHeadersInOpenApi() {
    JsonNode docs = Api.json(api.get("/v3/api-docs", Api.ADMIN_KEY));

    assertThat(docs.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-Api-Key");
    assertThat(docs.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void shouldAcceptBearerKey() {
    HttpHeaders headers = new HttpHeaders();
    headers.setBearerAuth(Api.ADMIN_KEY);

    assertThat(api.send(HttpMethod.GET, "/admin/users", null, headers).getStatusCode().value())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseUserKeyOnAdminPaths() {
    String tenant = api.tenant(Api.unique("t"));
    String key = api.userWithKey(Api.unique("u"), tenant);

    for (String path :
        new String[] {"/admin/users", "/admin/tenants", "/admin/api-keys", "/actuator/metrics"}) {
      ResponseEntity<String> response = api.get(path, key);
      assertThat(response.getStatusCode().value()).as(path).isEqualTo(403);
      assertThat(Api.json(response).get("detail").asText()).contains("admin");
    }
    assertThat(api.post("/admin/tenants", key, "{\"name\":\"x\"}").getStatusCode().value())
        .isEqualTo(403);
    assertThat(api.get("/mws/rest/services", key).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void shouldRefuseUserKeyOnGlobalHookDefinitionWrites() {
    String key = api.userWithKey(Api.unique("u"), api.tenant(Api.unique("t")));

    for (HttpMethod method :
        new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
      ResponseEntity<String> response =
          api.call(method, "/mws/rest/services/hooks/global-definitions/audit", key, "{}");
      assertThat(response.getStatusCode().value()).as(method.name()).isEqualTo(403);
      assertThat(Api.json(response).get("messages").get(0).asText()).contains("admin");
    }
    assertThat(
            api.put("/mws/rest/services/hooks/deploy/global-definitions", key, "[]")
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void shouldAcceptLoomHeadersOnLoomPaths() {
    String user = Api.unique("loom");
    String key = api.userWithKey(user, api.tenant(Api.unique("t")));
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Loom-UserID", user);
    headers.set("X-Loom-ApiKey", key);

    assertThat(api.send(HttpMethod.GET, "/v1/loom/clusters", null, headers).getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void shouldRefuseLoomKeyOfAnotherUser() {
    String key = api.userWithKey(Api.unique("loom"), api.tenant(Api.unique("t")));
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Loom-UserID", "admin");
    headers.set("X-Loom-ApiKey", key);

    ResponseEntity<String> response = api.send(HttpMethod.GET, "/v1/loom/clusters", null, headers);

    assertThat(response.getStatusCode().value()).isEqualTo(401);
    assertThat(Api.json(response).get("detail").asText()).contains("X-Loom-UserID");
  }

  @Test
  void shouldIgnoreLoomHeadersOutsideLoom() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Loom-UserID", "admin");
    headers.set("X-Loom-ApiKey", Api.ADMIN_KEY);

    assertThat(api.send(HttpMethod.GET, "/admin/users", null, headers).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void shouldLeaveHealthOpen() {
    assertThat(api.get("/actuator/health", null).getStatusCode().value()).isEqualTo(200);
    assertThat(api.get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void shouldStopAcceptingRevokedKey() {
    String user = Api.unique("u");
    String key = api.userWithKey(user, api.tenant(Api.unique("t")));
    assertThat(api.get("/mws/rest/services", key).getStatusCode().value()).isEqualTo(200);
    String id = keyIdOf(user);

    assertThat(api.delete("/admin/api-keys/" + id, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(204);

    assertThat(api.get("/mws/rest/services", key).getStatusCode().value()).isEqualTo(401);
    JsonNode listed = keyListing(user);
    assertThat(listed.get("revoked").asBoolean()).isTrue();
  }

  @Test
  void shouldStopAcceptingKeysOfDeletedUser() {
    String user = Api.unique("u");
    String key = api.userWithKey(user, api.tenant(Api.unique("t")));
    String userId =
        Api.json(api.get("/admin/users?max=1000", Api.ADMIN_KEY))
            .get("results")
            .findParents("name")
            .stream()
            .filter(u -> u.get("name").asText().equals(user))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();

    assertThat(api.delete("/admin/users/" + userId, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(204);

    assertThat(api.get("/mws/rest/services", key).getStatusCode().value()).isEqualTo(401);
  }

  private String keyIdOf(String user) {
    return keyListing(user).get("id").asText();
  }

  private JsonNode keyListing(String user) {
    JsonNode keys = Api.json(api.get("/admin/api-keys?max=1000", Api.ADMIN_KEY)).get("results");
    for (JsonNode key : keys) {
      if (key.get("user").asText().equals(user)) {
        return key;
      }
    }
    throw new AssertionError("no key of " + user + " in " + keys);
  }
}
