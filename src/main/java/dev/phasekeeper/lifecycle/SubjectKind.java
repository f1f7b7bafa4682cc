package dev.phasekeeper.lifecycle;

import java.util.Locale;

/** The four kinds of things whose lifecycles Phasekeeper runs. */
public enum SubjectKind {
  SERVICE,
  CLUSTER,
  HOST,
  JOB;

  /** The lower-case name used in the API, in hook definitions and in PHASEKEEPER_SUBJECT_KIND. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SubjectKind fromId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
