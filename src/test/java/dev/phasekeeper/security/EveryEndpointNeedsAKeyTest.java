package dev.phasekeeper.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps, found from Spring's own handler mappings rather than a list
 * kept by hand, answers 401 without a key and with a wrong one. A new endpoint is covered the day
 * it is added.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EveryEndpointNeedsAKeyTest {

  /** Open by design: health, and the hook callbacks, which check their run's own token. */
  private static final List<String> OPEN = List.of("/actuator/health", "/callbacks/", "/error");

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void shouldAnswer401OnEveryEndpointWithoutAKeyOrWithAWrongOne() {
    Api api = new Api(port);
    List<String> checked = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (String pattern : info.getPatternValues()) {
        if (OPEN.stream().anyMatch(pattern::startsWith)) {
          continue;
        }
        String path = pattern.replaceAll("\\{[^}]+}", "x").replace("/**", "/x");
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          HttpMethod http = HttpMethod.valueOf(method.name());
          assertThat(api.call(http, path, null, "{}").getStatusCode().value())
              .as("%s %s without a key", method, path)
              .isEqualTo(401);
          assertThat(api.call(http, path, "not-a-key", "{}").getStatusCode().value())
              .as("%s %s with a wrong key", method, path)
              .isEqualTo(401);
          checked.add(method + " " + path);
        }
      }
    }
    assertThat(checked)
        .as("the endpoints found")
        .contains(
            "POST /mws/rest/services",
            "GET /mws/rest/services/x/phases",
            "GET /mws/rest/services/hooks/running",
            "POST /admin/api-keys");
  }
}
