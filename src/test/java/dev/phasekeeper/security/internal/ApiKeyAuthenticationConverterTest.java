package dev.phasekeeper.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phasekeeper.security.UserKeyHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;

class ApiKeyAuthenticationConverterTest {

  /** The headers a Loom surface would declare. */
  private final ApiKeyAuthenticationConverter converter =
      new ApiKeyAuthenticationConverter(
          List.of(
              KeyHeaderForm.of(
                  new UserKeyHeaders("/v1/loom/**", "X-Loom-UserID", "X-Loom-ApiKey"))));

  @Test
  void shouldReadXApiKey() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/mws/rest/services");
    request.addHeader("X-Api-Key", "k1");

    assertThat(presented(request).key()).isEqualTo("k1");
  }

  @Test
  void shouldReadBearerInAnyCase() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/users");
    request.addHeader("Authorization", "bearer k2");

    assertThat(presented(request).key()).isEqualTo("k2");
  }

  @Test
  void shouldIgnoreBasicAndMissingCredentials() {
    MockHttpServletRequest basic = new MockHttpServletRequest("GET", "/admin/users");
    basic.addHeader("Authorization", "Basic YWRtaW46eA==");

    assertThat(converter.convert(basic)).isNull();
    assertThat(converter.convert(new MockHttpServletRequest("GET", "/admin/users"))).isNull();
  }

  @Test
  void shouldReadASurfacesOwnHeadersOnlyOnItsPaths() {
    MockHttpServletRequest loom = new MockHttpServletRequest("GET", "/v1/loom/clusters");
    loom.addHeader("X-Loom-UserID", "bob");
    loom.addHeader("X-Loom-ApiKey", "k3");
    MockHttpServletRequest elsewhere = new MockHttpServletRequest("GET", "/v2/clusters");
    elsewhere.addHeader("X-Loom-UserID", "bob");
    elsewhere.addHeader("X-Loom-ApiKey", "k3");

    assertThat(presented(loom).key()).isEqualTo("k3");
    assertThat(presented(loom).claimedUser()).isEqualTo("bob");
    assertThat(converter.convert(elsewhere)).isNull();
  }

  @Test
  void shouldRefuseASurfacesKeyHeaderWithoutItsUserHeader() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/loom/clusters");
    request.addHeader("X-Loom-ApiKey", "k4");

    assertThatThrownBy(() -> converter.convert(request))
        .isInstanceOf(BadCredentialsException.class)
        .hasMessageNotContaining("k4");
  }

  @Test
  void shouldNeverShowTheKeyInToString() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/users");
    request.addHeader("X-Api-Key", "secret-value");

    assertThat(presented(request).toString()).doesNotContain("secret-value");
  }

  private ApiKeyAuthentication presented(MockHttpServletRequest request) {
    return (ApiKeyAuthentication) converter.convert(request);
  }
}
