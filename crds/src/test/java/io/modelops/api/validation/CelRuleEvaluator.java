package io.modelops.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles every {@code x-kubernetes-validations} rule of a structural schema with CEL-Java and
 * evaluates them the way the API server does: {@code self} is the value at the node that declares
 * the rule, typed from the schema; {@code oldSelf} is the previous value at the same place on an
 * update, and rules that use it (transition rules) only run when that old value exists. A rule that
 * does not compile is an error when the evaluator is built, as the API server refuses such a CRD.
 */
final class CelRuleEvaluator {

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  private record Rule(
      String rule,
      String message,
      String fieldPath,
      String reason,
      boolean transition,
      CelRuntime.Program program,
      CelRuntime.Program messageProgram) {}

  private final Map<JsonNode, List<Rule>> rulesBySchema = new IdentityHashMap<>();
  private final JsonNode rootSchema;
  private final CelRuntime runtime;

  CelRuleEvaluator(JsonNode rootSchema, String rootName) {
    this.rootSchema = rootSchema;
    CelSchemaTypes types = new CelSchemaTypes(rootSchema, rootName);
    CelCompiler base =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(CelOptions.current().build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setTypeProvider(types)
            .addLibraries(CelExtensions.strings())
            .addFunctionDeclarations(KubernetesCelLibrary.declarations())
            .build();
    this.runtime =
        CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(CelOptions.current().build())
            .addLibraries(CelExtensions.strings())
            .addFunctionBindings(KubernetesCelLibrary.bindings())
            .build();
    compileAll(rootSchema, "", types, base);
  }

  /** Number of rules compiled (all of them, at every level of the schema). */
  int ruleCount() {
    return rulesBySchema.values().stream().mapToInt(List::size).sum();
  }

  /** Evaluates every rule that applies to {@code object} (and {@code oldObject} on updates). */
  List<Violation> evaluate(JsonNode object, JsonNode oldObject) {
    List<Violation> violations = new ArrayList<>();
    SchemaWalker.walk(
        rootSchema,
        object,
        oldObject,
        "",
        (schema, value, oldValue, path) -> {
          List<Rule> rules = rulesBySchema.get(schema);
          if (rules != null) {
            evaluate(rules, schema, value, oldValue, path, violations);
          }
        });
    return violations;
  }

  private void evaluate(
      List<Rule> rules,
      JsonNode schema,
      JsonNode value,
      JsonNode oldValue,
      String path,
      List<Violation> violations) {
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", CelValues.of(schema, value));
    if (oldValue != null && !oldValue.isNull()) {
      vars.put("oldSelf", CelValues.of(schema, oldValue));
    }
    for (Rule rule : rules) {
      if (rule.transition() && !vars.containsKey("oldSelf")) {
        continue;
      }
      String field = rule.fieldPath().isEmpty() ? path : join(path, rule.fieldPath());
      try {
        if (!Boolean.TRUE.equals(rule.program().eval(vars))) {
          violations.add(new Violation(field, prefix(rule.reason()) + message(rule, vars)));
        }
      } catch (CelEvaluationException e) {
        violations.add(
            new Violation(
                field,
                "Invalid value: rule '"
                    + rule.rule()
                    + "' could not be evaluated: "
                    + e.getMessage()));
      }
    }
  }

  private static String message(Rule rule, Map<String, Object> vars) {
    if (rule.messageProgram() != null) {
      try {
        Object text = rule.messageProgram().eval(vars);
        if (text instanceof String s && !s.isBlank()) {
          return s;
        }
      } catch (CelEvaluationException e) {
        // fall back to the static message, as the API server does
      }
    }
    return rule.message() != null ? rule.message() : "failed rule: " + rule.rule();
  }

  private static String prefix(String reason) {
    return switch (reason) {
      case "FieldValueRequired" -> "Required value: ";
      case "FieldValueForbidden" -> "Forbidden: ";
      case "FieldValueDuplicate" -> "Duplicate value: ";
      default -> "Invalid value: ";
    };
  }

  private static String join(String path, String fieldPath) {
    String relative = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
    return path.isEmpty() ? relative : path + "." + relative;
  }

  private void compileAll(
      JsonNode schema, String location, CelSchemaTypes types, CelCompiler base) {
    if (schema.has("x-kubernetes-validations")) {
      CelType self = types.typeOf(schema);
      CelCompiler compiler =
          base.toCompilerBuilder().addVar("self", self).addVar("oldSelf", self).build();
      List<Rule> rules = new ArrayList<>();
      for (JsonNode r : schema.get("x-kubernetes-validations")) {
        rules.add(compile(compiler, r, location));
      }
      rulesBySchema.put(schema, rules);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      compileAll(p.getValue(), SchemaWalker.join(location, p.getKey()), types, base);
    }
    if (schema.path("additionalProperties").isObject()) {
      compileAll(schema.get("additionalProperties"), location + "[*]", types, base);
    }
    if (schema.has("items")) {
      compileAll(schema.get("items"), location + "[*]", types, base);
    }
  }

  private Rule compile(CelCompiler compiler, JsonNode r, String location) {
    String rule = r.path("rule").asText();
    try {
      CelAbstractSyntaxTree ast = compiler.compile(rule).getAst();
      if (!ast.getResultType().equals(SimpleType.BOOL)) {
        throw new IllegalArgumentException(
            "rule at " + location + " must return bool, returns " + ast.getResultType());
      }
      CelRuntime.Program messageProgram = null;
      if (r.hasNonNull("messageExpression")) {
        messageProgram =
            runtime.createProgram(compiler.compile(r.get("messageExpression").asText()).getAst());
      }
      return new Rule(
          rule,
          r.hasNonNull("message") ? r.get("message").asText() : null,
          r.path("fieldPath").asText(""),
          r.path("reason").asText("FieldValueInvalid"),
          OLD_SELF.matcher(rule).find(),
          runtime.createProgram(ast),
          messageProgram);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "x-kubernetes-validations rule at '" + location + "' does not compile: " + e.getMessage(),
          e);
    }
  }
}
