package dev.phasekeeper.services.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Real HTTP against the test server, as the built-in admin. */
final class MoabHttp {

  static final String ADMIN_KEY = "test-admin-key";
  static final String SERVICES = "/mws/rest/services";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, body as JSON (missing when it is not JSON) and as text, headers. */
  record Response(int status, JsonNode body, String text, java.net.http.HttpHeaders headers) {

    Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The {@code messages} of a Moab error body, joined, for assertions. */
    String messages() {
      return body.path("messages").toString();
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  MoabHttp(int port) {
    this.port = port;
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  Response put(String path, String body, String... headers) {
    return send("PUT", path, body, headers);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  /** Sends a request; {@code headers} are name, value pairs added to the admin's API key. */
  Response send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("X-Api-Key", ADMIN_KEY)
            .header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(), parse(response.body()), response.body(), response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Percent-encodes a query parameter value, as any HTTP client sends it. */
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
