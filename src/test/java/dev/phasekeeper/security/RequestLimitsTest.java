package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Bodies over phasekeeper.security.max-body-size (1MB) get 413; JSON deeper than 64, 400. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestLimitsTest {

  private static final int OVER_LIMIT = 1024 * 1024 + 100;

  @LocalServerPort int port;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  @Test
  void shouldRefuseLargeMoabBodyWith413() {
    ResponseEntity<String> response = api.post("/mws/rest/services", Api.ADMIN_KEY, largeJson());

    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(Api.json(response).get("messages").get(0).asText()).startsWith("body:");
  }

  @Test
  void shouldRefuseLargeAdminBodyWith413AsProblem() {
    ResponseEntity<String> response = api.post("/admin/tenants", Api.ADMIN_KEY, largeJson());

    assertThat(response.getStatusCode().value()).isEqualTo(413);
    assertThat(response.getHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void shouldRefuseLargeChunkedBodyWith413() throws Exception {
    HttpResponse<String> response = chunked("/mws/rest/services", largeJson());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void shouldPassSmallChunkedBodyOn() throws Exception {
    String name = Api.unique("chunked");

    HttpResponse<String> response = chunked("/admin/tenants", "{\"name\":\"" + name + "\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains(name);
  }

  @Test
  void shouldRefuseJsonNestedTooDeeply() {
    ResponseEntity<String> response =
        api.post(
            "/admin/tenants", Api.ADMIN_KEY, "{\"name\":\"deep\",\"extra\":" + nested(70) + "}");

    assertThat(response.getStatusCode().value()).isEqualTo(400);
    JsonNode problem = Api.json(response);
    assertThat(problem.get("detail").asText()).startsWith("body:").contains("nesting depth");
  }

  @Test
  void shouldAcceptJsonNestedWithinTheLimit() {
    String name = Api.unique("shallow");

    ResponseEntity<String> response =
        api.post(
            "/admin/tenants",
            Api.ADMIN_KEY,
            "{\"name\":\"" + name + "\",\"extra\":" + nested(60) + "}");

    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
  }

  @Test
  void shouldRefuseMoabJsonNestedTooDeeply() {
    ResponseEntity<String> response =
        api.post(
            "/mws/rest/services",
            Api.ADMIN_KEY,
            "{\"name\":\"deep\",\"attributes\":" + nested(70) + "}");

    assertThat(response.getStatusCode().value()).isEqualTo(400);
  }

  private HttpResponse<String> chunked(String path, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("X-Api-Key", Api.ADMIN_KEY)
            .header("Content-Type", "application/json")
            // a stream of unknown length is sent with Transfer-Encoding: chunked
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String largeJson() {
    return "{\"name\":\"big\",\"label\":\"" + "x".repeat(OVER_LIMIT) + "\"}";
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }
}
