package dev.phasekeeper.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyUserParameterTest {

  @Test
  void shouldFindTheParameterInTheQueryString() {
    assertThat(ProxyUserFilter.queryParameter("max=5&proxy-user=bob&offset=1", "proxy-user")).hasValue("bob");
    assertThat(ProxyUserFilter.queryParameter("proxy-user=j%C3%BCrgen", "proxy-user")).hasValue("jürgen");
    assertThat(ProxyUserFilter.queryParameter("proxy-user", "proxy-user")).hasValue("");
  }

  @Test
  void shouldFindNothingWithoutIt() {
    assertThat(ProxyUserFilter.queryParameter(null, "proxy-user")).isEmpty();
    assertThat(ProxyUserFilter.queryParameter("proxy-users=bob&user=x", "proxy-user")).isEmpty();
  }
}
