package io.modelops.api.validation;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import java.util.List;

/**
 * The Kubernetes CEL list library ({@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code
 * indexOf}, {@code lastIndexOf}) that the API server adds to CRD validation rules and CEL-Java does
 * not ship. The string extensions ({@code lowerAscii}, {@code split}, ...) come from CEL-Java's
 * {@code CelExtensions.strings()}; {@code duration()} and regular expressions are standard CEL.
 */
final class KubernetesCelLibrary {

  private static final TypeParamType T = TypeParamType.create("T");
  private static final ListType LIST_T = ListType.create(T);

  private KubernetesCelLibrary() {}

  static List<CelFunctionDecl> declarations() {
    return List.of(
        CelFunctionDecl.newFunctionDeclaration(
            "isSorted",
            CelOverloadDecl.newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, LIST_T)),
        CelFunctionDecl.newFunctionDeclaration(
            "sum",
            CelOverloadDecl.newMemberOverload(
                "k8s_list_int_sum", SimpleType.INT, ListType.create(SimpleType.INT)),
            CelOverloadDecl.newMemberOverload(
                "k8s_list_double_sum", SimpleType.DOUBLE, ListType.create(SimpleType.DOUBLE))),
        CelFunctionDecl.newFunctionDeclaration(
            "min", CelOverloadDecl.newMemberOverload("k8s_list_min", T, LIST_T)),
        CelFunctionDecl.newFunctionDeclaration(
            "max", CelOverloadDecl.newMemberOverload("k8s_list_max", T, LIST_T)),
        CelFunctionDecl.newFunctionDeclaration(
            "indexOf",
            CelOverloadDecl.newMemberOverload("k8s_list_index_of", SimpleType.INT, LIST_T, T)),
        CelFunctionDecl.newFunctionDeclaration(
            "lastIndexOf",
            CelOverloadDecl.newMemberOverload(
                "k8s_list_last_index_of", SimpleType.INT, LIST_T, T)));
  }

  static List<CelFunctionBinding> bindings() {
    return List.of(
        CelFunctionBinding.from("k8s_list_is_sorted", List.class, KubernetesCelLibrary::isSorted),
        CelFunctionBinding.from(
            "k8s_list_int_sum",
            List.class,
            list -> list.stream().mapToLong(v -> ((Number) v).longValue()).sum()),
        CelFunctionBinding.from(
            "k8s_list_double_sum",
            List.class,
            list -> list.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum()),
        CelFunctionBinding.from("k8s_list_min", List.class, list -> extreme(list, -1)),
        CelFunctionBinding.from("k8s_list_max", List.class, list -> extreme(list, 1)),
        CelFunctionBinding.from(
            "k8s_list_index_of", List.class, Object.class, (list, v) -> (long) list.indexOf(v)),
        CelFunctionBinding.from(
            "k8s_list_last_index_of",
            List.class,
            Object.class,
            (list, v) -> (long) list.lastIndexOf(v)));
  }

  private static boolean isSorted(List<?> list) throws CelEvaluationException {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object extreme(List<?> list, int sign) throws CelEvaluationException {
    if (list.isEmpty()) {
      throw new CelEvaluationException("min/max of an empty list");
    }
    Object best = list.get(0);
    for (Object v : list) {
      if (compare(v, best) * sign > 0) {
        best = v;
      }
    }
    return best;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) throws CelEvaluationException {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof Comparable c && a.getClass().isInstance(b)) {
      return c.compareTo(b);
    }
    throw new CelEvaluationException("list elements are not comparable: " + a + ", " + b);
  }
}
