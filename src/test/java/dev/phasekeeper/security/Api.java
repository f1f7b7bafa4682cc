package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Real HTTP against a running Phasekeeper, for the security tests. Every call says which key it
 * sends; errors come back as responses, not exceptions.
 */
final class Api {

  /** The admin key of the test profile (application-test.yaml). */
  static final String ADMIN_KEY = "test-admin-key";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RestClient http;
  private final String base;

  Api(int port) {
    this.base = "http://localhost:" + port;
    this.http =
        RestClient.builder()
            .requestFactory(new JdkClientHttpRequestFactory())
            .defaultStatusHandler(status -> true, (request, response) -> {})
            .build();
  }

  ResponseEntity<String> call(HttpMethod method, String path, String key, String body) {
    return send(method, path, body, key == null ? new HttpHeaders() : apiKey(key));
  }

  /** Sends to the path as written: no template expansion, no further encoding. */
  ResponseEntity<String> send(HttpMethod method, String path, String body, HttpHeaders headers) {
    RestClient.RequestBodySpec request =
        http.method(method).uri(URI.create(base + path)).headers(h -> h.addAll(headers));
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    return request.retrieve().toEntity(String.class);
  }

  ResponseEntity<String> get(String path, String key) {
    return call(HttpMethod.GET, path, key, null);
  }

  ResponseEntity<String> post(String path, String key, String body) {
    return call(HttpMethod.POST, path, key, body);
  }

  ResponseEntity<String> put(String path, String key, String body) {
    return call(HttpMethod.PUT, path, key, body);
  }

  ResponseEntity<String> delete(String path, String key) {
    return call(HttpMethod.DELETE, path, key, null);
  }

  static HttpHeaders apiKey(String key) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("X-Api-Key", key);
    return headers;
  }

  static JsonNode json(ResponseEntity<String> response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.getBody(), e);
    }
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates a tenant as the admin and returns its name. */
  String tenant(String name) {
    ResponseEntity<String> created =
        post("/admin/tenants", ADMIN_KEY, "{\"name\":\"" + name + "\"}");
    assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
    return name;
  }

  /** Creates a user of a tenant as the admin and returns the user's new API key. */
  String userWithKey(String name, String tenant) {
    ResponseEntity<String> user =
        post(
            "/admin/users",
            ADMIN_KEY,
            "{\"name\":\"" + name + "\",\"role\":\"user\",\"tenant\":\"" + tenant + "\"}");
    assertThat(user.getStatusCode().value()).as(user.getBody()).isEqualTo(201);
    return key(name);
  }

  /** Creates an API key for a user as the admin and returns it. */
  String key(String user) {
    ResponseEntity<String> key =
        post("/admin/api-keys", ADMIN_KEY, "{\"user\":\"" + user + "\",\"label\":\"test\"}");
    assertThat(key.getStatusCode().value()).as(key.getBody()).isEqualTo(201);
    return json(key).get("key").asText();
  }
}
