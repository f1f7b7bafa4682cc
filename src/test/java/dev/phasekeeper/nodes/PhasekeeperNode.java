package dev.phasekeeper.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A whole Phasekeeper in its own JVM, started from the test class path, so a test can kill it with
 * SIGKILL and start another one on the same database.
 */
final class PhasekeeperNode implements AutoCloseable {

  static final String KEY = "test-admin-key";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private PhasekeeperNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static PhasekeeperNode start(String name, Path workDir, Map<String, String> properties)
      throws IOException {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.phasekeeper.PhasekeeperApplication",
                "--server.port=" + port,
                "--phasekeeper.security.admin-api-key=" + KEY,
                "--phasekeeper.security.data-dir=" + workDir.resolve("data-" + name),
                "--camunda.bpm.admin-user.password=node-test-password",
                "--logging.file.name=" + workDir.resolve(name + ".log")));
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve(name + ".out").toFile())
            .start();
    PhasekeeperNode node = new PhasekeeperNode(process, port);
    Awaitility.await(name + " up")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited:\n" + tail(workDir.resolve(name + ".out")));
              }
              return node.isHealthy();
            });
    return node;
  }

  boolean isHealthy() {
    try {
      return get("/actuator/health").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  HttpResponse<String> get(String path) throws IOException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** GET whose answer must be 200 and JSON. */
  JsonNode getJson(String path) throws IOException {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** How many of the named services are in the phase (as Moab names it: Deployed, ...). */
  long countInPhase(List<String> serviceNames, String phase) throws IOException {
    long count = 0;
    for (String name : serviceNames) {
      if (phase.equals(
          getJson("/mws/rest/services/" + name + "?fields=phase").path("phase").asText())) {
        count++;
      }
    }
    return count;
  }

  /**
   * Every hook run of the node's database, as {@code /mws/rest/services/hooks/running} lists them.
   */
  List<JsonNode> hookRuns() throws IOException {
    List<JsonNode> runs = new ArrayList<>();
    getJson("/mws/rest/services/hooks/running?max=1000").path("results").forEach(runs::add);
    return runs;
  }

  HttpResponse<String> post(String path, String json) throws IOException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> put(String path, String json) throws IOException {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(
          request.header("X-Api-Key", KEY).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** SIGKILL: no shutdown hooks, no lock release, nothing flushed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * SIGTERM, as an operator or a container runtime stops a node, then waits for the JVM to exit.
   *
   * @return how long it took to exit, or {@code null} when it still ran after a minute (it was
   *     killed then)
   */
  Duration terminate() throws InterruptedException {
    long before = System.nanoTime();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill();
      return null;
    }
    return Duration.ofNanos(System.nanoTime() - before);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  /** Whether a process runs: alive and not a zombie waiting to be reaped. */
  static boolean running(long pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  /** Writes an executable {@code #!/bin/sh} script, creating its folders. */
  static Path script(Path file, String body) throws IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    java.nio.file.Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static String tail(Path file) throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
