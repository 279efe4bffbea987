package io.modelops.api.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates CRD YAML from the API classes with the fabric8 CRD generator, then puts the printer
 * columns back in the order they are declared on the class (the generator sorts them by JSON path,
 * but {@code kubectl get} shows them in CRD order) and marks the conditions as a map-list ({@link
 * ConditionsAsMapList}).
 */
public final class CrdYamlGenerator {

  private CrdYamlGenerator() {}

  /** Returns file name ({@code <plural>.<group>-v1.yml}) to YAML text for every given class. */
  public static Map<String, String> generate(List<Class<? extends HasMetadata>> classes) {
    Map<String, ByteArrayOutputStream> streams = new LinkedHashMap<>();
    CRDGenerator generator =
        new CRDGenerator()
            .forCRDVersions("v1")
            .withParallelGenerationEnabled(false)
            .withPostProcessor(new DeclaredColumnOrder(classes))
            .withOutput(
                new CRDGenerator.AbstractCRDOutput<ByteArrayOutputStream>() {
                  @Override
                  protected ByteArrayOutputStream createStreamFor(String crdName) {
                    return streams.computeIfAbsent(crdName, k -> new ByteArrayOutputStream());
                  }
                })
            .customResourceClasses(classes);
    generator.generate();
    Map<String, String> result = new LinkedHashMap<>();
    streams.forEach((name, out) -> result.put(name + ".yml", out.toString(StandardCharsets.UTF_8)));
    return result;
  }

  /** Orders additionalPrinterColumns as the annotations appear on the resource class. */
  private record DeclaredColumnOrder(List<Class<? extends HasMetadata>> classes)
      implements CRDPostProcessor {

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      CustomResourceDefinition definition = (CustomResourceDefinition) crd;
      String kind = definition.getSpec().getNames().getKind();
      Class<?> type =
          classes.stream().filter(c -> c.getSimpleName().equals(kind)).findFirst().orElseThrow();
      List<String> declared = new ArrayList<>();
      for (AdditionalPrinterColumn column :
          type.getAnnotationsByType(AdditionalPrinterColumn.class)) {
        declared.add(column.name());
      }
      for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
        List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
        if (columns != null) {
          columns.sort(Comparator.comparingInt(c -> rank(declared, c.getName())));
        }
      }
      return ConditionsAsMapList.process(crd);
    }

    private static int rank(List<String> declared, String name) {
      int index = declared.indexOf(name);
      return index < 0 ? Integer.MAX_VALUE : index;
    }
  }
}
