package dev.phasekeeper.security.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.phasekeeper.security.SecurityProperties;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson's own limits on what it parses, for every JSON body Spring reads: nesting depth from
 * {@code phasekeeper.security.max-json-depth}, and no string longer than a whole body may be. A
 * body over a limit fails to parse and is answered with 400.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(SecurityProperties properties) {
    StreamReadConstraints limits =
        StreamReadConstraints.builder()
            .maxNestingDepth(properties.maxJsonDepth())
            .maxStringLength((int) Math.min(properties.maxBodySize().toBytes(), Integer.MAX_VALUE))
            .build();
    return builder ->
        builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(limits));
  }
}
