package dev.phasekeeper.lifecycle.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** The {@code phase=} and {@code transition=} extension properties of one BPMN element. */
record LifecycleAnnotations(String phase, String transition) {

  static final String PHASE = "phase";
  static final String TRANSITION = "transition";

  static LifecycleAnnotations of(Element element) {
    Map<String, String> properties = extensionProperties(element);
    return new LifecycleAnnotations(properties.get(PHASE), properties.get(TRANSITION));
  }

  boolean isEmpty() {
    return phase == null && transition == null;
  }

  private static Map<String, String> extensionProperties(Element element) {
    Map<String, String> properties = new LinkedHashMap<>();
    Element extensions = element.element("extensionElements");
    if (extensions == null) {
      return properties;
    }
    Element list = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
    if (list == null) {
      return properties;
    }
    for (Element property : list.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
      String name = property.attribute("name");
      if (name != null) {
        properties.put(name.trim(), trimmed(property.attribute("value")));
      }
    }
    return properties;
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
