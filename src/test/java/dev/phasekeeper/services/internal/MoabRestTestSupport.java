package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Moab services surface over real HTTP. Steps run in-process; a step script exists only where a
 * test writes one into the temporary hooks directory, so a service without one goes from submit to
 * deployed at once. The REST test classes share this one application context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"phasekeeper.workers.poll-interval=200ms", "phasekeeper.hooks.step-retries=0"})
abstract class MoabRestTestSupport {

  static final Duration PHASE_TIMEOUT = Duration.ofSeconds(30);
  static final Path HOOKS_DIR = hooksDir();

  @LocalServerPort int port;
  MoabHttp http;

  @DynamicPropertySource
  static void hooksDirectory(DynamicPropertyRegistry registry) {
    registry.add("phasekeeper.hooks.dir", HOOKS_DIR::toString);
  }

  @BeforeEach
  void client() {
    http = new MoabHttp(port);
  }

  /** A name no other test (nor an earlier run on the same database) uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The JSON of a one-service request. */
  static String serviceJson(String tenant, String name, String type, String moreFields) {
    return "{\"tenant\":{\"name\":\""
        + tenant
        + "\"},\"user\":\"tester\",\"name\":\""
        + name
        + "\",\"type\":\""
        + type
        + "\""
        + (moreFields.isEmpty() ? "" : "," + moreFields)
        + "}";
  }

  /** POSTs a create request, expects 201, and returns the created (top) service's name. */
  String create(String body) {
    MoabHttp.Response created = http.post(MoabHttp.SERVICES + "?api-version=3", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.body().get("name").asText();
  }

  JsonNode service(String idOrName) {
    MoabHttp.Response found = http.get(MoabHttp.SERVICES + "/" + idOrName + "?api-version=3");
    assertThat(found.status()).as(found.text()).isEqualTo(200);
    return found.body();
  }

  String phase(String idOrName) {
    return service(idOrName).path("phase").asText();
  }

  void awaitPhase(String idOrName, String phase) {
    await()
        .atMost(PHASE_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(phase(idOrName)).isEqualTo(phase));
  }

  /** GET all with a query (sent percent-encoded, as an HTTP client does). */
  JsonNode list(String query, String moreParameters) {
    MoabHttp.Response listed =
        http.get(
            MoabHttp.SERVICES + "?api-version=3&query=" + MoabHttp.encode(query) + moreParameters);
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    return listed.body();
  }

  long countInTenant(String tenant) {
    return list("{\"tenant.name\":\"" + tenant + "\"}", "").get("totalCount").asLong();
  }

  /** Writes (or replaces) the script {@code hooks/steps/<type>/<step>}. */
  static void writeStep(String type, String step, String script) {
    try {
      Path folder = Files.createDirectories(HOOKS_DIR.resolve("steps").resolve(type));
      Path next = Files.createTempFile(folder, step, ".tmp");
      Files.writeString(next, script);
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(
          next,
          folder.resolve(step),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A seed example body, exactly as the seed prints it. */
  static String seed(String file) {
    try (InputStream in = MoabRestTestSupport.class.getResourceAsStream("/seeds/moab/" + file)) {
      assertThat(in).as("seed file " + file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path hooksDir() {
    try {
      Path dir = Files.createTempDirectory("phasekeeper-moab-hooks");
      Path helloWorld = Path.of("hooks", "helloWorld.sh");
      if (Files.exists(helloWorld)) {
        Files.copy(helloWorld, dir.resolve("helloWorld.sh"), StandardCopyOption.COPY_ATTRIBUTES);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
