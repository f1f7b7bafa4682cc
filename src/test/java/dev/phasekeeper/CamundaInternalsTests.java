package dev.phasekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Camunda's internal classes ({@code org.camunda..impl..}) are used in one package only, whose
 * allow-list docs/upgrading.md keeps, so that a patch release or the move to Operaton touches one
 * place; and no service-loader file replaces a part of Camunda.
 */
class CamundaInternalsTests {

  static final String ENGINE_PACKAGE = "dev.phasekeeper.lifecycle.internal.engine";

  @Test
  void shouldUseCamundasInternalClassesOnlyInTheEnginePackage() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.phasekeeper");

    List<String> offenders =
        classes.stream()
            .filter(c -> !c.getPackageName().equals(ENGINE_PACKAGE))
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .filter(d -> isCamundaInternal(d.getTargetClass().getPackageName()))
            .map(d -> d.getOriginClass().getName() + " uses " + d.getTargetClass().getName())
            .distinct()
            .sorted()
            .toList();

    assertThat(offenders)
        .as(
            "classes outside %s that use Camunda's internal classes (see docs/upgrading.md)",
            ENGINE_PACKAGE)
        .isEmpty();
  }

  @Test
  void shouldReplaceNoPartOfCamundaThroughTheServiceLoader() throws IOException {
    Path services = Path.of("src/main/resources/META-INF/services");
    List<String> overrides = List.of();
    if (Files.isDirectory(services)) {
      try (Stream<Path> files = Files.list(services)) {
        overrides =
            files
                .map(f -> f.getFileName().toString())
                .filter(name -> name.startsWith("org.camunda."))
                .sorted()
                .toList();
      }
    }
    assertThat(overrides).as("service-loader files that replace a part of Camunda").isEmpty();
  }

  private static boolean isCamundaInternal(String packageName) {
    return packageName.startsWith("org.camunda.")
        && (packageName.contains(".impl.") || packageName.endsWith(".impl"));
  }
}
