package dev.phasekeeper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The Moab services API over real HTTP, as the admin; one instance serves many threads. */
final class MoabClient {

  static final String ADMIN_KEY = "test-admin-key";
  static final String SERVICES = "/mws/rest/services";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** A response: its status, its body as JSON (missing when it is not JSON) and as text. */
  record Reply(int status, JsonNode body, String text) {

    Reply expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(what + ": expected HTTP " + expected + ", got " + status
            + " " + text);
      }
      return this;
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();
  private final String base;

  MoabClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply post(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Reply put(String path) {
    return send(request(path).PUT(HttpRequest.BodyPublishers.noBody()));
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  /** GET on the collection with {@code query} and {@code max}. */
  Reply query(String query, int max) {
    return get(SERVICES + "?query=" + encode(query) + "&max=" + max);
  }

  /** The totalCount of a query: the cheap way to see how many services reached a phase. */
  long count(String query) {
    return query(query, 1).expect(200, "count " + query).body().path("totalCount").asLong(-1);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .header("X-Api-Key", ADMIN_KEY);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), parse(response.body()), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
