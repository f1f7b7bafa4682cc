package dev.phasekeeper.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Replays, over a plain socket, each request of the hostile sweep that got an answer in no
 * surface's shape (Tomcat's HTML pages, Spring Boot's error JSON, an empty 413) or a 5xx. Every
 * error is Moab's {@code {"messages": [...]}} under {@code /mws} and problem+json elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurfaceErrorShapesHttpTest {

  private static final String KEY = "X-Api-Key: test-admin-key\r\n";
  private static final String SERVICE = "errshape-" + UUID.randomUUID().toString().substring(0, 8);

  enum Shape {
    MOAB,
    PROBLEM
  }

  /** One request of the sweep and what must come back. */
  record Finding(String name, byte[] head, byte[] body, int status, Shape shape, String mentions) {

    Finding(String name, String head, String body, int status, Shape shape, String mentions) {
      this(
          name,
          head.getBytes(StandardCharsets.UTF_8),
          body.getBytes(StandardCharsets.UTF_8),
          status,
          shape,
          mentions);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @LocalServerPort int port;

  RawHttp http;

  @BeforeAll
  void createOneService() throws IOException {
    http = new RawHttp(port);
    String body = "{\"name\":\"" + SERVICE + "\",\"tenant\":{\"name\":\"" + SERVICE + "\"}}";
    RawHttp.Response created =
        http.send(post("/mws/rest/services", "application/json", body), body);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  static Stream<Finding> findings() {
    String json = "application/json";
    return Stream.of(
        // Tomcat refuses these before any filter runs: its own HTML page until now
        get("encoded slash, Moab", "/mws/rest/services/a%2Fb", 400, Shape.MOAB),
        get("encoded slash, admin", "/admin/users/a%2Fb", 400, Shape.PROBLEM),
        get("encoded NUL", "/mws/rest/services/a%00b", 400, Shape.MOAB),
        get("invalid UTF-8", "/admin/tenants/a%C3%28", 400, Shape.PROBLEM),
        // a request line Tomcat cannot read has no path to choose a surface by: problem+json
        new Finding(
            "raw non-ASCII",
            concat(
                "GET /mws/rest/services/a".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xc3, (byte) 0xa9},
                (" HTTP/1.1\r\nHost: localhost\r\n" + KEY.trim())
                    .getBytes(StandardCharsets.US_ASCII)),
            new byte[0],
            400,
            Shape.PROBLEM,
            "percent-encode"),
        get("backslash", "/admin/users/a\\b", 400, Shape.PROBLEM),
        get("URL over 8 KB", "/mws/rest/services/" + "a".repeat(9000), 400, Shape.PROBLEM, "8 KB"),
        new Finding(
            "header over 8 KB",
            "GET /admin/users HTTP/1.1\r\nHost: localhost\r\n" + KEY + "X-Big: " + "a".repeat(9000),
            "",
            400,
            Shape.PROBLEM,
            null),
        // Spring Security's firewall: Spring Boot's error JSON until now
        get("semicolon", "/mws/rest/services;x", 400, Shape.MOAB),
        get("dot dot", "/admin/users/%2e%2e/tenants", 400, Shape.PROBLEM),
        get("control character", "/mws/rest/services/a%0ab", 400, Shape.MOAB),
        // Spring MVC's own refusals: Spring Boot's error JSON until now
        new Finding(
            "415 on an admin create",
            post("/admin/tenants", "text/plain", "{}"),
            "{}",
            415,
            Shape.PROBLEM,
            "Content-Type"),
        new Finding(
            "415 without a content type",
            "POST /admin/users HTTP/1.1\r\nHost: localhost" + "\r\n" + KEY + "Content-Length: 2",
            "{}",
            415,
            Shape.PROBLEM,
            "Content-Type"),
        new Finding(
            "415 on Moab hooks",
            post("/mws/rest/services/hooks/global-definitions", "text/plain", "{}"),
            "{}",
            415,
            Shape.MOAB,
            "Content-Type"),
        get(
            "404 on an empty path parameter, Moab",
            "/mws/rest/services/hooks/running/",
            404,
            Shape.MOAB),
        get("404 on an empty path parameter, admin", "/admin/users/", 404, Shape.PROBLEM),
        // multipart without a boundary: 500 until now
        new Finding(
            "multipart without boundary, Moab",
            post("/mws/rest/services", "multipart/form-data", "{}"),
            "{}",
            400,
            Shape.MOAB,
            "Content-Type"),
        new Finding(
            "multipart without boundary, admin",
            post("/admin/tenants", "multipart/form-data", "{}"),
            "{}",
            400,
            Shape.PROBLEM,
            "Content-Type"),
        new Finding(
            "multipart without boundary, hooks",
            post("/mws/rest/services/hooks/global-definitions", "multipart/form-data", "{}"),
            "{}",
            400,
            Shape.MOAB,
            "Content-Type"),
        // a large multipart body skipped the body size filter: an empty 413 until now
        largeMultipart(),
        // 500s until now
        get("fields=....", "/mws/rest/services?fields=....", 400, Shape.MOAB, "fields"),
        get(
            "exclude-fields=....",
            "/mws/rest/services/" + SERVICE + ".1?exclude-fields=....",
            400,
            Shape.MOAB,
            "exclude-fields"),
        get(
            "a number beyond a double in a query",
            "/mws/rest/services?query=" + "%7B%22durationRequested%22:%7B%22$gt%22:1e400%7D%7D",
            400,
            Shape.MOAB,
            "1e400"),
        duplicateKey("/admin/tenants", "{\"name\":\"a\",\"name\":\"b\"}", "name"),
        duplicateKey("/admin/users", "{\"name\":\"a\",\"role\":\"user\",\"name\":\"b\"}", "name"),
        duplicateKey(
            "/admin/api-keys", "{\"user\":\"a\",\"label\":\"x\",\"label\":\"y\"}", "label"),
        // found by the sweep of every operation: a wildcard content type was a 500
        new Finding(
            "wildcard content type, Moab create",
            post("/mws/rest/services", "*/*", "{}"),
            "{}",
            415,
            Shape.MOAB,
            "Content-Type"),
        new Finding(
            "wildcard content type, hooks",
            post("/mws/rest/services/hooks/global-definitions", "application/*", "{}"),
            "{}",
            415,
            Shape.MOAB,
            "Content-Type"),
        get("the error page asked for directly", "/error", 404, Shape.PROBLEM),
        // the caller first, then the body
        new Finding(
            "callback without credentials and a malformed body",
            "PUT /callbacks/hook-runs/abc HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + json
                + "\r\nContent-Length: 3",
            "{x:",
            403,
            Shape.PROBLEM,
            "Authorization"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("findings")
  void shouldAnswerInTheSurfacesShape(Finding finding) throws IOException {
    RawHttp.Response response = http.send(finding.head(), finding.body());

    assertThat(response.status()).as(response.toString()).isEqualTo(finding.status());
    JsonNode body = response.json();
    if (finding.shape() == Shape.MOAB) {
      assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
      assertThat(body.path("messages").isArray()).as(response.toString()).isTrue();
      assertThat(body.path("messages").path(0).asText()).as(response.toString()).isNotBlank();
    } else {
      assertThat(response.contentType())
          .as(response.toString())
          .startsWith("application/problem+json");
      assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(finding.status());
      assertThat(body.path("detail").asText()).as(response.toString()).isNotBlank();
    }
    if (finding.mentions() != null) {
      assertThat(response.body())
          .as("the message names what is wrong")
          .contains(finding.mentions());
    }
  }

  private static Finding get(String name, String path, int status, Shape shape) {
    return get(name, path, status, shape, null);
  }

  private static Finding get(String name, String path, int status, Shape shape, String mentions) {
    return new Finding(
        name,
        "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + KEY.trim(),
        "",
        status,
        shape,
        mentions);
  }

  private static String post(String path, String contentType, String body) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + KEY
        + "Content-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Finding duplicateKey(String path, String body, String key) {
    return new Finding(
        "duplicate key on " + path,
        post(path, "application/json", body),
        body,
        400,
        Shape.PROBLEM,
        key + ": appears more than once");
  }

  private static Finding largeMultipart() {
    String start = "--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"\r\n\r\n";
    String body = start + "a".repeat(2_000_000) + "\r\n--XX--\r\n";
    return new Finding(
        "large multipart body",
        post("/mws/rest/services", "multipart/form-data; boundary=XX", body),
        body,
        413,
        Shape.MOAB,
        "max-body-size");
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
