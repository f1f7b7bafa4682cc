package dev.phasekeeper.lifecycle.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class DatasourceDefaultsTest {

  private static final long GIB = 1024L * 1024 * 1024;
  private static final long CACHE_KB =
      DatasourceDefaults.kilobytes(Runtime.getRuntime().maxMemory());

  @Test
  void shouldMakeAnEmbeddedFileDatabaseDurableAndClosedBySpring() {
    MockEnvironment environment = postProcessed("jdbc:h2:file:./data/pk");

    assertThat(environment.getProperty(DatasourceDefaults.URL))
        .isEqualTo(
            "jdbc:h2:file:./data/pk"
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE="
                + CACHE_KB);
  }

  @Test
  void shouldKeepWhatTheOperatorSetInTheUrl() {
    MockEnvironment environment =
        postProcessed("jdbc:h2:./data/pk;write_delay=500;Db_Close_On_Exit=TRUE;CACHE_SIZE=4096");

    assertThat(environment.getProperty(DatasourceDefaults.URL))
        .isEqualTo("jdbc:h2:./data/pk;write_delay=500;Db_Close_On_Exit=TRUE;CACHE_SIZE=4096");
  }

  @Test
  void shouldAddOnlyTheSettingsTheUrlLacks() {
    MockEnvironment environment = postProcessed("jdbc:h2:file:./data/pk;WRITE_DELAY=100");

    assertThat(environment.getProperty(DatasourceDefaults.URL))
        .isEqualTo(
            "jdbc:h2:file:./data/pk"
                + ";WRITE_DELAY=100;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE="
                + CACHE_KB);
  }

  @Test
  void shouldLeaveInMemoryAndServerH2Alone() {
    for (String url :
        new String[] {
          "jdbc:h2:mem:pk;DB_CLOSE_DELAY=-1", "jdbc:h2:tcp://db:9092/pk", "jdbc:h2:ssl://db:9092/pk"
        }) {
      MockEnvironment environment = postProcessed(url);

      assertThat(environment.getProperty(DatasourceDefaults.URL)).isEqualTo(url);
      assertThat(environment.containsProperty(DatasourceDefaults.STRING_TYPE)).isFalse();
    }
  }

  @Test
  void shouldLetPostgresBindJsonTextToJsonbByItsUrlAlone() {
    MockEnvironment environment = postProcessed("jdbc:postgresql://db:5432/pk");

    assertThat(environment.getProperty(DatasourceDefaults.URL))
        .isEqualTo("jdbc:postgresql://db:5432/pk");
    assertThat(environment.getProperty(DatasourceDefaults.STRING_TYPE)).isEqualTo("unspecified");
  }

  @Test
  void shouldKeepAStringTypeTheOperatorChose() {
    MockEnvironment inUrl = postProcessed("jdbc:postgresql://db:5432/pk?stringtype=varchar");
    MockEnvironment inProperties =
        new MockEnvironment()
            .withProperty(DatasourceDefaults.URL, "jdbc:postgresql://db/pk")
            .withProperty(DatasourceDefaults.STRING_TYPE, "varchar");
    new DatasourceDefaults().postProcessEnvironment(inProperties, new SpringApplication());

    assertThat(inUrl.containsProperty(DatasourceDefaults.STRING_TYPE)).isFalse();
    assertThat(inProperties.getProperty(DatasourceDefaults.STRING_TYPE)).isEqualTo("varchar");
  }

  @Test
  void shouldGiveAQuarterOfTheHeapButNeverLessThanH2sDefault() {
    assertThat(DatasourceDefaults.kilobytes(4 * GIB)).isEqualTo(1024 * 1024);
    assertThat(DatasourceDefaults.kilobytes(32L * 1024 * 1024))
        .isEqualTo(DatasourceDefaults.H2_DEFAULT_KB);
  }

  private static MockEnvironment postProcessed(String url) {
    MockEnvironment environment = new MockEnvironment().withProperty(DatasourceDefaults.URL, url);
    new DatasourceDefaults().postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }
}
