package dev.phasekeeper.lifecycle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class H2PageCacheTest {

  private static final long GIB = 1024L * 1024 * 1024;

  @Test
  void shouldGiveAnEmbeddedFileDatabaseAQuarterOfTheHeap() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty(H2PageCache.URL, "jdbc:h2:file:./data/pk;WRITE_DELAY=0");

    new H2PageCache().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(H2PageCache.URL)).isEqualTo("jdbc:h2:file:./data/pk;"
        + "WRITE_DELAY=0;CACHE_SIZE=" + H2PageCache.kilobytes(Runtime.getRuntime().maxMemory()));
  }

  @Test
  void shouldLeaveAUrlAloneThatSetsItsCacheOrIsNotAnEmbeddedFile() {
    for (String url : new String[] {"jdbc:h2:file:./data/pk;cache_size=4096",
        "jdbc:h2:mem:pk;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db:9092/pk",
        "jdbc:postgresql://db:5432/pk"}) {
      MockEnvironment environment = new MockEnvironment().withProperty(H2PageCache.URL, url);

      new H2PageCache().postProcessEnvironment(environment, new SpringApplication());

      assertThat(environment.getProperty(H2PageCache.URL)).isEqualTo(url);
    }
  }

  @Test
  void shouldGiveAQuarterOfTheHeapButNeverLessThanH2sDefault() {
    assertThat(H2PageCache.kilobytes(4 * GIB)).isEqualTo(1024 * 1024);
    assertThat(H2PageCache.kilobytes(32L * 1024 * 1024)).isEqualTo(H2PageCache.H2_DEFAULT_KB);
  }
}
