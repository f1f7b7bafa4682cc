package dev.phasekeeper.web.internal;

import dev.phasekeeper.web.ErrorShapes;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts {@link ShapedErrorReportValve} in place of Tomcat's (and Spring Boot's) error report valves,
 * so that even a request Tomcat refuses is answered in its surface's shape, and refuses wildcard
 * content types before Spring MVC reads a body ({@link ConcreteContentTypes}).
 */
@Configuration(proxyBeanMethods = false)
class ShapedErrorsConfiguration {

  @Bean
  WebMvcConfigurer concreteContentTypes() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConcreteContentTypes());
      }
    };
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> shapedTomcatErrors(
      ObjectProvider<ErrorShapes> shapes) {
    return new ShapedTomcatErrors(shapes);
  }

  /** Runs after Spring Boot's own customizer, which adds an error report valve of its own. */
  private record ShapedTomcatErrors(ObjectProvider<ErrorShapes> shapes)
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              host.getPipeline().addValve(new ShapedErrorReportValve(shapes));
              // StandardHost adds its default report valve at start unless one of this class is
              // there
              host.setErrorReportValveClass(ShapedErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
