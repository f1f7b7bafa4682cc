package dev.phasekeeper.services.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Moab document's hook tutorial, sixteen times at once: create {@code vm1} (with its after hook
 * on submit), then a container that adopts it. Here vm1's analyze and deploy steps report output,
 * which is written to vm1 while the container adopts it; neither write may undo the other, so vm1
 * always keeps its parent and its steps' output.
 */
class AdoptionRaceTest extends MoabRestTestSupport {

  private static final int PAIRS = 16;
  private static final String TYPE = "racevm";

  @BeforeAll
  static void stepsThatReportOutput() {
    for (String step : new String[] {"analyze", "deploy"}) {
      writeStep(
          TYPE,
          step,
          "#!/bin/sh\nsleep 0.$(( $$ % 4 ))\n"
              + "echo '{\"stepsCompleted\":[\""
              + step
              + "\"]}'\n");
    }
  }

  @Test
  void shouldNeverLoseTheParentOfAnAdoptedServiceToAHooksOutput() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(PAIRS);
    List<Future<String[]>> pairs = new ArrayList<>();
    try {
      for (int i = 0; i < PAIRS; i++) {
        String tenant = unique("Gryffindor");
        pairs.add(pool.submit(() -> tutorial(tenant)));
      }
      for (Future<String[]> pair : pairs) {
        String[] names = pair.get(3, TimeUnit.MINUTES);
        String vm = names[0];
        String box = names[1];
        awaitPhase(box, "Deployed");
        awaitHookRun(vm);
        awaitPhase(vm, "Deployed");
        assertThat(service(vm).path("parent").asText())
            .as(vm + " adopted by " + box)
            .isEqualTo(box);
        assertThat(MoabSeedExamplesTest.texts(service(vm).path("stepsCompleted")))
            .as("the steps' output of " + vm)
            .containsExactly("analyze", "deploy");
        assertThat(MoabSeedExamplesTest.texts(service(box).path("includedServices")))
            .containsExactly(vm);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Steps 4 and 5 of the tutorial in a tenant of their own; answers [vm1's name, container's]. */
  private String[] tutorial(String tenant) {
    String vm =
        create(
            seed("create-service-with-hook.json")
                .replace("\"Gryffindor\"", "\"" + tenant + "\"")
                .replace("\"type\": \"vm\"", "\"type\": \"" + TYPE + "\""));
    String box =
        create(
            seed("create-container-service.json").replace("\"Gryffindor\"", "\"" + tenant + "\""));
    return new String[] {vm, box};
  }

  private void awaitHookRun(String vm) {
    String id = service(vm).path("id").asText();
    org.awaitility.Awaitility.await()
        .atMost(PHASE_TIMEOUT)
        .until(
            () ->
                http.get(
                        MoabHttp.SERVICES
                            + "/hooks/running?api-version=3&query="
                            + MoabHttp.encode("{\"serviceId\":\"" + id + "\"}"))
                    .body()
                    .path("results")
                    .findValuesAsText("status")
                    .contains("SUCCEEDED"));
  }
}
