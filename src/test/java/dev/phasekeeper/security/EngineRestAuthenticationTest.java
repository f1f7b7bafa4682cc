package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Cockpit and Camunda's engine REST API authenticate with Camunda's own users: Cockpit with its
 * login form, the REST API with HTTP Basic. The admin's password is the one generated into the test
 * data directory at the first start.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineRestAuthenticationTest {

  @LocalServerPort int port;

  @Value("${camunda.bpm.admin-user.id}")
  String adminId;

  @Value("${camunda.bpm.admin-user.password}")
  String adminPassword;

  @Value("${phasekeeper.security.data-dir}")
  Path dataDir;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  @Test
  void shouldTakeThePasswordFromTheDataDirectory() throws Exception {
    assertThat(adminId).isEqualTo("admin");
    assertThat(Files.readString(dataDir.resolve("cockpit-admin-password")).trim())
        .isEqualTo(adminPassword);
  }

  @Test
  void shouldRefuseEngineRestWithoutCredentials() {
    assertThat(api.get("/engine-rest/user", null).getStatusCode().value()).isEqualTo(401);
    assertThat(api.get("/engine-rest/process-instance", null).getStatusCode().value())
        .isEqualTo(401);
  }

  @Test
  void shouldRefuseEngineRestWithWrongPasswordOrApiKey() {
    assertThat(basic("admin", adminPassword + "x").getStatusCode().value()).isEqualTo(401);
    assertThat(api.get("/engine-rest/user", Api.ADMIN_KEY).getStatusCode().value()).isEqualTo(401);
  }

  @Test
  void shouldAcceptTheCockpitAdminOnEngineRest() {
    ResponseEntity<String> response = basic(adminId, adminPassword);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    assertThat(Api.json(response).findValuesAsText("id")).contains(adminId);
  }

  @Test
  void shouldLeaveCockpitToCamunda() {
    ResponseEntity<String> page = api.get("/camunda/app/cockpit/default/", null);

    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isNull();
  }

  @Test
  void shouldLogTheAdminInToCockpit() throws Exception {
    // right first: after a failed attempt Camunda makes the user wait before the next one
    HttpResponse<String> right = login(adminPassword);
    HttpResponse<String> wrong = login(adminPassword + "x");

    assertThat(right.statusCode()).as(right.body()).isEqualTo(200);
    assertThat(right.body()).contains("\"userId\":\"" + adminId + "\"");
    assertThat(wrong.statusCode()).isEqualTo(401);
  }

  /** Logs in as a browser does: a page first for the session and its CSRF token. */
  private HttpResponse<String> login(String password) throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    browser.send(
        HttpRequest.newBuilder(url("/camunda/app/cockpit/default/")).build(),
        HttpResponse.BodyHandlers.discarding());
    String csrf =
        cookies.getCookieStore().getCookies().stream()
            .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .map(HttpCookie::getValue)
            .orElse("");
    String form =
        "username="
            + URLEncoder.encode(adminId, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return browser.send(
        HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/cockpit"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", csrf)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private ResponseEntity<String> basic(String user, String password) {
    HttpHeaders headers = new HttpHeaders();
    headers.setBasicAuth(user, password);
    return api.send(HttpMethod.GET, "/engine-rest/user", null, headers);
  }
}
