package io.modelops.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether an object on the server still holds everything the operator wants in it: every field of
 * the desired JSON is present in the actual JSON with the same value (objects may carry more
 * fields, set by the API server or other controllers; lists must have the same length and match
 * element by element). Used to find drift when the operator writes without server-side apply (the
 * mock API server); with server-side apply, java-operator-sdk's managed-fields matcher does the
 * same job on the fields the operator's field manager owns.
 */
final class DesiredSubset {

  private DesiredSubset() {}

  /** True when {@code actual} contains {@code desired}. */
  static boolean contains(JsonNode actual, JsonNode desired) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (actual == null || actual.isNull() || actual.isMissingNode()) {
      return false;
    }
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!contains(actual.get(field.getKey()), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!contains(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }
}
