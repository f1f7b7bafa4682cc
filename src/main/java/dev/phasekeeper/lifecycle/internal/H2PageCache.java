package dev.phasekeeper.lifecycle.internal;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives an embedded H2 file database a page cache of a quarter of the heap unless its URL sets
 * {@code CACHE_SIZE}, because the engine's UUID-keyed history indexes are written at random
 * places and H2's default cache keeps re-reading evicted pages (docs/benchmark.md).
 */
class H2PageCache implements EnvironmentPostProcessor {

  static final String URL = "spring.datasource.url";
  /** H2's own default, the least this gives. */
  static final long H2_DEFAULT_KB = 16 * 1024;

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
      SpringApplication application) {
    String url = environment.getProperty(URL);
    if (url != null && isEmbeddedFile(url) && !setsCacheSize(url)) {
      environment.getPropertySources().addFirst(new MapPropertySource("phasekeeper-h2-cache",
          Map.of(URL, url + ";CACHE_SIZE=" + kilobytes(Runtime.getRuntime().maxMemory()))));
    }
  }

  /** A quarter of the given heap, in KB, at least H2's default. */
  static long kilobytes(long maxHeapBytes) {
    return Math.max(H2_DEFAULT_KB, maxHeapBytes / 4 / 1024);
  }

  /** A database in a file this JVM opens (not in memory, not on an H2 server). */
  static boolean isEmbeddedFile(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
        && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
  }

  static boolean setsCacheSize(String url) {
    return url.toUpperCase(Locale.ROOT).contains(";CACHE_SIZE=");
  }
}
