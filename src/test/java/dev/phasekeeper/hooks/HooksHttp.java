package dev.phasekeeper.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Real HTTP against the test server, as the admin unless told otherwise. */
final class HooksHttp {

  static final String ADMIN_KEY = "test-admin-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, JsonNode body, String text) {}

  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;

  HooksHttp(int port) {
    this.port = port;
  }

  Response get(String path) {
    return send("GET", path, null, "X-Api-Key", ADMIN_KEY);
  }

  Response post(String path, String body) {
    return send("POST", path, body, "X-Api-Key", ADMIN_KEY);
  }

  Response put(String path, String body) {
    return send("PUT", path, body, "X-Api-Key", ADMIN_KEY);
  }

  Response delete(String path) {
    return send("DELETE", path, null, "X-Api-Key", ADMIN_KEY);
  }

  Response send(String method, String pathOrUrl, String body, String header, String value) {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : "http://127.0.0.1:" + port + pathOrUrl;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (header != null) {
      request.header(header, value);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), parse(response.body()), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static JsonNode parse(String text) {
    try {
      return text == null || text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
