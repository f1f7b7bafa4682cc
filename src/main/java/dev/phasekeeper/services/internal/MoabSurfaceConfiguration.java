package dev.phasekeeper.services.internal;

import dev.phasekeeper.security.ProxyUserParameter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the Moab surface tells the security module: Moab's {@code proxy-user} parameter. */
@Configuration(proxyBeanMethods = false)
class MoabSurfaceConfiguration {

  @Bean
  ProxyUserParameter moabProxyUser() {
    return new ProxyUserParameter("/mws/**", "proxy-user");
  }
}
