package dev.phasekeeper.lifecycle;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The registered {@link SubjectAdapter}s, one per kind. */
@Component
public class SubjectAdapters {

  private final Map<SubjectKind, SubjectAdapter> byKind = new EnumMap<>(SubjectKind.class);

  SubjectAdapters(List<SubjectAdapter> adapters) {
    adapters.forEach(adapter -> byKind.put(adapter.kind(), adapter));
  }

  public SubjectAdapter of(SubjectKind kind) {
    SubjectAdapter adapter = byKind.get(kind);
    if (adapter == null) {
      throw new IllegalStateException("LIFECYCLE-030 no adapter for subjects of kind " + kind.id());
    }
    return adapter;
  }
}
