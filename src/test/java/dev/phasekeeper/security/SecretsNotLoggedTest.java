package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * With Spring Security and Spring MVC logging at TRACE, keys sent in every accepted header, a key
 * created and a key refused never show up in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SecretsNotLoggedTest {

  private static final String[] NOISY = {
    "org.springframework.security", "org.springframework.web", "dev.phasekeeper.security"
  };

  @LocalServerPort int port;

  Api api;

  @BeforeEach
  void traceEverything() {
    api = new Api(port);
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    for (String logger : NOISY) {
      logging.setLogLevel(logger, LogLevel.TRACE);
    }
  }

  @AfterEach
  void quietAgain() {
    LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
    for (String logger : NOISY) {
      logging.setLogLevel(logger, null);
    }
  }

  @Test
  void shouldKeepKeysOutOfTheLog(CapturedOutput output) {
    String user = Api.unique("quiet");
    String key = api.userWithKey(user, api.tenant(Api.unique("t")));
    HttpHeaders bearer = new HttpHeaders();
    bearer.setBearerAuth(key);
    HttpHeaders loom = new HttpHeaders();
    loom.set("X-Loom-UserID", user);
    loom.set("X-Loom-ApiKey", key);
    String wrong = "pk_wrong-" + Api.unique("key");

    api.get("/mws/rest/services", key);
    api.send(HttpMethod.GET, "/mws/rest/services", null, bearer);
    api.send(HttpMethod.GET, "/v1/loom/clusters", null, loom);
    api.get("/admin/users", wrong);
    api.get("/mws/rest/services?proxy-user=" + user, Api.ADMIN_KEY);

    assertThat(output.getOut()).contains("Securing GET /mws/rest/services");
    assertThat(output.getAll())
        .doesNotContain(key)
        .doesNotContain(key.substring(8))
        .doesNotContain(wrong)
        .doesNotContain(Api.ADMIN_KEY);
  }
}
