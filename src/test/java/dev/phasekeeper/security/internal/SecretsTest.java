package dev.phasekeeper.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  @TempDir Path dir;

  @Test
  void shouldGenerateLongDistinctKeys() {
    String key = Secrets.newApiKey();

    assertThat(key)
        .startsWith("pk_")
        .hasSizeGreaterThanOrEqualTo(46)
        .matches("[A-Za-z0-9_-]+")
        .isNotEqualTo(Secrets.newApiKey());
    assertThat(Secrets.shownPrefix(key)).hasSize(8).isEqualTo(key.substring(0, 8));
  }

  @Test
  void shouldHashWithSha256Hex() {
    assertThat(Secrets.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldWriteOwnerOnlyFileAndReadItBack() throws Exception {
    Path file = dir.resolve("nested/secret");

    Secrets.writeOwnerOnly(file, "s3cret");

    assertThat(Secrets.read(file)).hasValue("s3cret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Secrets.read(dir.resolve("missing"))).isEmpty();
    assertThatThrownBy(() -> Secrets.writeOwnerOnly(file, "other"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Secrets.read(file)).hasValue("s3cret");
  }
}
