package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phasekeeper.PhasekeeperApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * With no admin key and no Cockpit password configured, the first start generates both, prints them
 * once and keeps them in the data directory; the next start uses them and prints nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedSecretsTest {

  /** Its own engine name, so that the engine-rest lookups of other test contexts are not hit. */
  private static final String ENGINE = "generatedsecrets";

  @TempDir Path dataDir;

  @Test
  void shouldGenerateSecretsOnceAndKeepThem(CapturedOutput output) throws Exception {
    String adminKey;
    String password;
    try (ConfigurableApplicationContext first = start()) {
      adminKey = Files.readString(dataDir.resolve("admin-api-key")).trim();
      password = Files.readString(dataDir.resolve("cockpit-admin-password")).trim();

      assertThat(output.getOut())
          .containsOnlyOnce("SECURITY-001")
          .containsOnlyOnce(adminKey)
          .containsOnlyOnce("SECURITY-002")
          .containsOnlyOnce(password);
      assertOwnerOnly(dataDir.resolve("admin-api-key"));
      assertOwnerOnly(dataDir.resolve("cockpit-admin-password"));
      assertWorks(first, adminKey, password);
    }
    int printedBefore = output.getOut().length();

    try (ConfigurableApplicationContext second = start()) {
      String later = output.getOut().substring(printedBefore);

      assertThat(later)
          .doesNotContain("SECURITY-001")
          .doesNotContain(adminKey)
          .doesNotContain("SECURITY-002")
          .doesNotContain(password);
      assertThat(Files.readString(dataDir.resolve("admin-api-key")).trim()).isEqualTo(adminKey);
      assertWorks(second, adminKey, password);
    }
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(PhasekeeperApplication.class)
        .run(
            "--spring.profiles.active=test",
            "--server.port=0",
            "--spring.datasource.url=jdbc:h2:file:"
                + dataDir.resolve("db").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE",
            "--spring.datasource.username=sa",
            "--spring.datasource.password=",
            "--phasekeeper.security.admin-api-key=",
            "--phasekeeper.security.data-dir=" + dataDir,
            "--camunda.bpm.process-engine-name=" + ENGINE,
            "--camunda.bpm.job-execution.enabled=false");
  }

  private static void assertWorks(
      ConfigurableApplicationContext context, String adminKey, String password) {
    Api api = new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    HttpHeaders basic = new HttpHeaders();
    basic.setBasicAuth("admin", password);

    assertThat(api.get("/admin/users", adminKey).getStatusCode().value()).isEqualTo(200);
    assertThat(api.get("/admin/users", Api.ADMIN_KEY).getStatusCode().value()).isEqualTo(401);
    assertThat(
            api.send(HttpMethod.GET, "/engine-rest/engine/" + ENGINE + "/user", null, basic)
                .getStatusCode()
                .value())
        .isEqualTo(200);
  }

  private static void assertOwnerOnly(Path file) throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }
}
