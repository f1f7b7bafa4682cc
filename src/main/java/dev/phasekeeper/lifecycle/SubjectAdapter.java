package dev.phasekeeper.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a feature tells the rest of Phasekeeper about its kind of subject, so that scripts, hooks
 * and callbacks work the same for services, clusters, hosts and jobs.
 */
public interface SubjectAdapter {

  SubjectKind kind();

  /** The subject's JSON as its API shows it; the stdin of scripts with includeServiceAsBody. */
  Optional<JsonNode> document(String subjectId);

  /**
   * The value of a {@code $variable} of a script URL for this subject ({@code name}, {@code user},
   * {@code attributes.a.b}, ...), empty when the subject has no such field.
   */
  Optional<String> variable(String subjectId, String name);

  /** The folder under {@code hooks/steps/} that holds this subject's step scripts. */
  String stepFolder(String subjectId);

  /**
   * Applies what a script reported on stdout or through its callback: for a service {@code status},
   * {@code statusCode}, {@code attributes} (never {@code moab}) and {@code stepsCompleted}. Unknown
   * keys are ignored.
   */
  void applyOutput(String subjectId, JsonNode output);
}
