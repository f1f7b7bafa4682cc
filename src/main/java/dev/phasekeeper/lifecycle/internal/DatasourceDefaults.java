package dev.phasekeeper.lifecycle.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Completes {@code spring.datasource.url} with what Phasekeeper needs of its database, so an
 * operator sets the URL and nothing else; whatever the URL or the configuration sets itself wins.
 *
 * <p>An embedded H2 file database gets {@code WRITE_DELAY=0} (H2 otherwise keeps commits in memory
 * for up to half a second, and a kill -9 loses writes the API has acknowledged), {@code
 * DB_CLOSE_ON_EXIT=FALSE} (Spring closes the database after the workers have stopped, instead of
 * H2's shutdown hook closing it under them) and a page cache of a quarter of the heap (the engine's
 * history indexes have UUID keys, so they are written at random places and all their pages are hot;
 * with H2's 16 MB the engine re-reads evicted pages on many writes).
 *
 * <p>PostgreSQL gets the driver property {@code stringtype=unspecified}, which lets JSON text bind
 * to {@code jsonb} columns; Flyway picks the vendor's migrations from the URL by itself.
 */
class DatasourceDefaults implements EnvironmentPostProcessor {

  static final String URL = "spring.datasource.url";
  static final String STRING_TYPE = "spring.datasource.hikari.data-source-properties.stringtype";

  /** H2's own default page cache, the least this gives. */
  static final long H2_DEFAULT_KB = 16 * 1024;

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty(URL);
    if (url == null) {
      return;
    }
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (isEmbeddedFile(url)) {
      String completed = h2File(url, Runtime.getRuntime().maxMemory());
      if (!completed.equals(url)) {
        defaults.put(URL, completed);
      }
    }
    if (isPostgres(url)
        && !url.toLowerCase(Locale.ROOT).contains("stringtype=")
        && !environment.containsProperty(STRING_TYPE)) {
      defaults.put(STRING_TYPE, "unspecified");
    }
    if (!defaults.isEmpty()) {
      environment
          .getPropertySources()
          .addFirst(new MapPropertySource("phasekeeper-datasource-defaults", defaults));
    }
  }

  /** The H2 file URL with each setting Phasekeeper needs that the URL does not set itself. */
  static String h2File(String url, long maxHeapBytes) {
    StringBuilder completed = new StringBuilder(url);
    appendUnlessSet(completed, "WRITE_DELAY", "0");
    appendUnlessSet(completed, "DB_CLOSE_ON_EXIT", "FALSE");
    appendUnlessSet(completed, "CACHE_SIZE", Long.toString(kilobytes(maxHeapBytes)));
    return completed.toString();
  }

  private static void appendUnlessSet(StringBuilder url, String setting, String value) {
    if (!sets(url.toString(), setting)) {
      url.append(';').append(setting).append('=').append(value);
    }
  }

  /** A quarter of the given heap, in KB, at least H2's default. */
  static long kilobytes(long maxHeapBytes) {
    return Math.max(H2_DEFAULT_KB, maxHeapBytes / 4 / 1024);
  }

  /** A database in a file this JVM opens (not in memory, not on an H2 server). */
  static boolean isEmbeddedFile(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return lower.startsWith("jdbc:h2:")
        && !lower.startsWith("jdbc:h2:mem:")
        && !lower.startsWith("jdbc:h2:tcp:")
        && !lower.startsWith("jdbc:h2:ssl:");
  }

  static boolean isPostgres(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
  }

  /** Whether an H2 URL sets the setting ({@code ;NAME=}, in any case). */
  static boolean sets(String url, String setting) {
    return url.toUpperCase(Locale.ROOT).contains(";" + setting + "=");
  }
}
