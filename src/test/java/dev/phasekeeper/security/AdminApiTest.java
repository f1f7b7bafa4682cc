package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** /admin/tenants, /admin/users and /admin/api-keys, as the built-in admin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {

  @LocalServerPort int port;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  @Test
  void shouldCreateGetListAndDeleteTenant() {
    String name = Api.unique("acme");
    ResponseEntity<String> created =
        api.post("/admin/tenants", Api.ADMIN_KEY, "{\"name\":\"" + name + "\"}");
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    String id = Api.json(created).get("id").asText();
    assertThat(created.getHeaders().getLocation()).hasPath("/admin/tenants/" + id);

    assertThat(Api.json(api.get("/admin/tenants/" + id, Api.ADMIN_KEY)).get("name").asText())
        .isEqualTo(name);
    assertThat(
            Api.json(api.get("/admin/tenants?max=1000", Api.ADMIN_KEY))
                .get("results")
                .findValuesAsText("name"))
        .contains(name);

    assertThat(api.delete("/admin/tenants/" + id, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(204);
    assertThat(api.get("/admin/tenants/" + id, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(404);
  }

  @Test
  void shouldPageTenants() {
    for (int i = 0; i < 3; i++) {
      api.tenant(Api.unique("page"));
    }

    JsonNode page = Api.json(api.get("/admin/tenants?max=2&offset=1", Api.ADMIN_KEY));

    assertThat(page.get("resultCount").asInt()).isEqualTo(2);
    assertThat(page.get("totalCount").asInt()).isGreaterThanOrEqualTo(3);
    assertThat(page.get("results")).hasSize(2);
  }

  @Test
  void shouldNameTheWrongFieldAsProblem() {
    ResponseEntity<String> badName =
        api.post("/admin/tenants", Api.ADMIN_KEY, "{\"name\":\"no spaces allowed\"}");
    ResponseEntity<String> badMax = api.get("/admin/users?max=0", Api.ADMIN_KEY);
    ResponseEntity<String> badRole =
        api.post(
            "/admin/users",
            Api.ADMIN_KEY,
            "{\"name\":\"" + Api.unique("x") + "\",\"role\":\"root\"}");
    ResponseEntity<String> noTenant =
        api.post(
            "/admin/users",
            Api.ADMIN_KEY,
            "{\"name\":\"" + Api.unique("x") + "\",\"role\":\"user\"}");
    ResponseEntity<String> noUser = api.post("/admin/api-keys", Api.ADMIN_KEY, "{}");

    assertThat(badName.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertProblem(badName, 400, "name");
    assertProblem(badMax, 400, "max");
    assertProblem(badRole, 400, "role");
    assertProblem(noTenant, 400, "tenant");
    assertProblem(noUser, 400, "user");
  }

  @Test
  void shouldRefuseOverLongFieldsNamingTheFieldAndItsLimit() {
    String tenant = api.tenant(Api.unique("limits"));
    ResponseEntity<String> longTenant =
        api.post("/admin/tenants", Api.ADMIN_KEY, "{\"name\":\"" + "t".repeat(5000) + "\"}");
    ResponseEntity<String> longUser =
        api.post(
            "/admin/users",
            Api.ADMIN_KEY,
            "{\"name\":\""
                + "u".repeat(201)
                + "\",\"role\":\"user\",\"tenant\":\""
                + tenant
                + "\"}");
    ResponseEntity<String> longRole =
        api.post(
            "/admin/users",
            Api.ADMIN_KEY,
            "{\"name\":\"" + Api.unique("r") + "\",\"role\":\"" + "r".repeat(5000) + "\"}");
    ResponseEntity<String> longLabel =
        api.post(
            "/admin/api-keys",
            Api.ADMIN_KEY,
            "{\"user\":\"admin\",\"label\":\"" + "l".repeat(4000) + "\"}");

    assertProblem(longTenant, 400, "name");
    assertThat(Api.json(longTenant).get("detail").asText())
        .isEqualTo("name: 5000 characters, more than the 200 allowed");
    assertProblem(longUser, 400, "name");
    assertThat(Api.json(longUser).get("detail").asText()).contains("more than the 200 allowed");
    assertProblem(longRole, 400, "role");
    assertThat(Api.json(longRole).get("detail").asText()).contains("more than the 16 allowed");
    assertProblem(longLabel, 400, "label");
    assertThat(Api.json(longLabel).get("detail").asText()).contains("more than the 200 allowed");
  }

  @Test
  void shouldRefuseDuplicatesAndDeletingTenantsInUse() {
    String tenant = api.tenant(Api.unique("busy"));
    String tenantId =
        Api.json(
                api.post(
                    "/admin/users",
                    Api.ADMIN_KEY,
                    "{\"name\":\""
                        + Api.unique("member")
                        + "\",\"role\":\"user\",\"tenant\":\""
                        + tenant
                        + "\"}"))
            .get("tenantId")
            .asText();

    assertThat(
            api.post("/admin/tenants", Api.ADMIN_KEY, "{\"name\":\"" + tenant + "\"}")
                .getStatusCode()
                .value())
        .isEqualTo(409);
    assertThat(api.delete("/admin/tenants/" + tenantId, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void shouldCreateAdminsWithoutTenant() {
    String name = Api.unique("ops");
    ResponseEntity<String> created =
        api.post("/admin/users", Api.ADMIN_KEY, "{\"name\":\"" + name + "\",\"role\":\"admin\"}");
    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(Api.json(created).get("tenant").isNull()).isTrue();
    String key = api.key(name);

    assertThat(api.get("/admin/users", key).getStatusCode().value()).isEqualTo(200);
    assertProblem(
        api.post(
            "/admin/users",
            Api.ADMIN_KEY,
            "{\"name\":\"" + Api.unique("ops") + "\",\"role\":\"admin\",\"tenant\":\"x\"}"),
        400,
        "tenant");
  }

  @Test
  void shouldRefuseDeletingTheBuiltInAdmin() {
    JsonNode users = Api.json(api.get("/admin/users?max=1000", Api.ADMIN_KEY)).get("results");
    String adminId = null;
    for (JsonNode user : users) {
      if (user.get("name").asText().equals("admin")) {
        adminId = user.get("id").asText();
      }
    }

    assertThat(api.delete("/admin/users/" + adminId, Api.ADMIN_KEY).getStatusCode().value())
        .isEqualTo(409);
  }

  @Test
  void shouldShowNewKeyOnceAndNeverAgain() {
    String user = Api.unique("keyholder");
    api.userWithKey(user, api.tenant(Api.unique("t")));

    ResponseEntity<String> created =
        api.post("/admin/api-keys", Api.ADMIN_KEY, "{\"user\":\"" + user + "\",\"label\":\"ci\"}");
    JsonNode issued = Api.json(created);
    String key = issued.get("key").asText();
    String listing = api.get("/admin/api-keys?max=1000", Api.ADMIN_KEY).getBody();

    assertThat(created.getStatusCode().value()).isEqualTo(201);
    assertThat(key).hasSizeGreaterThan(40);
    assertThat(issued.get("prefix").asText()).isEqualTo(key.substring(0, 8));
    assertThat(issued.get("label").asText()).isEqualTo("ci");
    assertThat(listing)
        .doesNotContain(key)
        .doesNotContain(sha256(key))
        .doesNotContain("\"key\"")
        .doesNotContain("hash");
    assertThat(
            Api.json(api.get("/admin/api-keys?max=1000", Api.ADMIN_KEY))
                .get("results")
                .get(0)
                .fieldNames())
        .toIterable()
        .containsExactly("id", "user", "prefix", "label", "created", "lastUsed", "revoked");
    assertThat(api.get("/mws/rest/services", key).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void shouldRecordLastUse() {
    String user = Api.unique("user");
    String key = api.userWithKey(user, api.tenant(Api.unique("t")));

    api.get("/mws/rest/services", key);

    for (JsonNode listed :
        Api.json(api.get("/admin/api-keys?max=1000", Api.ADMIN_KEY)).get("results")) {
      if (listed.get("user").asText().equals(user)) {
        assertThat(listed.get("lastUsed").isNull()).isFalse();
      }
    }
  }

  @Test
  void shouldRefuseRevokingTheBuiltInKeyAndUnknownKeys() {
    assertThat(
            api.delete("/admin/api-keys/000000000000000000000001", Api.ADMIN_KEY)
                .getStatusCode()
                .value())
        .isEqualTo(409);
    assertThat(
            api.delete("/admin/api-keys/ffffffffffffffffffffffff", Api.ADMIN_KEY)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  private static void assertProblem(ResponseEntity<String> response, int status, String field) {
    JsonNode problem = Api.json(response);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).startsWith(field + ":");
    assertThat(problem.path("field").asText()).isEqualTo(field);
  }

  private static String sha256(String key) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
