package dev.phasekeeper.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phasekeeper.hooks.HooksHttp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What the hook tests share: a scratch hooks folder, scripts in it, a service's runs. */
final class HookTesting {

  private HookTesting() {}

  /** What every hook test's node is given: its scratch hooks folder and the admin's key. */
  static void hookSettings(DynamicPropertyRegistry registry, Path hooks) {
    registry.add("phasekeeper.hooks.dir", hooks::toString);
    registry.add("phasekeeper.security.admin-api-key", () -> HooksHttp.ADMIN_KEY);
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes an executable {@code /bin/sh} script. */
  static void script(Path dir, String name, String body) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, "#!/bin/sh\n" + body + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The service's hook runs, as {@code GET /mws/rest/services/hooks/running} lists them. */
  static List<JsonNode> runs(HooksHttp http, String serviceId) {
    Response response =
        http.get(
            "/mws/rest/services/hooks/running?query="
                + HooksHttp.encode("{\"serviceId\":\"" + serviceId + "\"}"));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    List<JsonNode> runs = new ArrayList<>();
    response.body().path("results").forEach(runs::add);
    return runs;
  }
}
