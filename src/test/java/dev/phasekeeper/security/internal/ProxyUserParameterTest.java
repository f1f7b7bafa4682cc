package dev.phasekeeper.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyUserParameterTest {

  private static final String PROXY_USER = "proxy-user";

  @Test
  void shouldFindTheParameterInTheQueryString() {
    assertThat(ProxyUserFilter.queryParameter("max=5&proxy-user=bob&offset=1", PROXY_USER))
        .hasValue("bob");
    assertThat(ProxyUserFilter.queryParameter("proxy-user=j%C3%BCrgen", PROXY_USER))
        .hasValue("jürgen");
    assertThat(ProxyUserFilter.queryParameter("proxy-user", PROXY_USER)).hasValue("");
  }

  @Test
  void shouldFindNothingWithoutIt() {
    assertThat(ProxyUserFilter.queryParameter(null, PROXY_USER)).isEmpty();
    assertThat(ProxyUserFilter.queryParameter("proxy-users=bob&user=x", PROXY_USER)).isEmpty();
  }
}
