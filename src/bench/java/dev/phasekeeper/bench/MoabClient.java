package dev.phasekeeper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The Moab services API over real HTTP, as the admin; one instance serves many threads. */
final class MoabClient {

  static final String ADMIN_KEY = "test-admin-key";
  static final String SERVICES = "/mws/rest/services";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TIMEOUT_MILLIS = 60_000;

  static {
    // HttpURLConnection keeps 5 idle connections per server unless told otherwise: with 16
    // clients the rest would open a new connection for every request
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
  }

  /** A response: its status, its body as JSON (missing when it is not JSON) and as text. */
  record Reply(int status, JsonNode body, String text) {

    Reply expect(int expected, String what) {
      if (status != expected) {
        throw new IllegalStateException(
            what + ": expected HTTP " + expected + ", got " + status + " " + text);
      }
      return this;
    }
  }

  private final String base;

  MoabClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply post(String path, String body) {
    return send("POST", path, body);
  }

  Reply put(String path) {
    return send("PUT", path, "");
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** GET on the collection with {@code query} and {@code max}. */
  Reply query(String query, int max) {
    return get(SERVICES + "?query=" + encode(query) + "&max=" + max);
  }

  /** The totalCount of a query: the cheap way to see how many services reached a phase. */
  long count(String query) {
    return query(query, 1).expect(200, "count " + query).body().path("totalCount").asLong(-1);
  }

  /**
   * One request on the calling thread. {@link HttpURLConnection} keeps the connection alive for the
   * next request once the body has been read; the JDK's {@code HttpClient} hands every request to
   * its selector thread and back, which cost the measured node's two cores more CPU per service
   * than Phasekeeper's API key check and JSON together. The body is buffered and sent with the
   * headers in one write, as curl sends a small body; streamed, it followed the headers in a second
   * write, and Tomcat's thread waited for it.
   */
  private Reply send(String method, String path, String body) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(base + path).toURL().openConnection();
      connection.setRequestMethod(method);
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("X-Api-Key", ADMIN_KEY);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = "";
      if (in != null) {
        try (in) {
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return new Reply(status, parse(text), text);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
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
