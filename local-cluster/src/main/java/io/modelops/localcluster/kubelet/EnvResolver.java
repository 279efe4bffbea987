package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as a kubelet computes it: the image's ENV, {@code envFrom}, then {@code
 * env} in order, with {@code $(VAR)} references to earlier variables expanded ({@code $$(VAR)}
 * escapes) and {@code valueFrom} resolved from the pod ({@code fieldRef}), its resources ({@code
 * resourceFieldRef}), ConfigMaps and Secrets.
 */
final class EnvResolver {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
  private static final Pattern LABEL_FIELD =
      Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  private final KubernetesClient client;

  EnvResolver(KubernetesClient client) {
    this.client = client;
  }

  /** The environment of {@code container} in {@code pod} (with its podIP already known). */
  Map<String, String> resolve(Pod pod, Container container, Map<String, String> base)
      throws ContainerConfigException {
    Map<String, String> env = new LinkedHashMap<>(base);
    String namespace = pod.getMetadata().getNamespace();
    if (container.getEnvFrom() != null) {
      for (EnvFromSource from : container.getEnvFrom()) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        if (from.getConfigMapRef() != null) {
          var ref = from.getConfigMapRef();
          ConfigMap map =
              configMap(namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional()));
          if (map != null && map.getData() != null) {
            map.getData().forEach((k, v) -> env.put(prefix + k, v));
          }
        }
        if (from.getSecretRef() != null) {
          var ref = from.getSecretRef();
          Secret secret = secret(namespace, ref.getName(), Boolean.TRUE.equals(ref.getOptional()));
          if (secret != null && secret.getData() != null) {
            secret.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
          }
        }
      }
    }
    if (container.getEnv() != null) {
      for (EnvVar var : container.getEnv()) {
        String value =
            var.getValueFrom() != null
                ? valueFrom(pod, container, var.getValueFrom())
                : expand(var.getValue() == null ? "" : var.getValue(), env);
        if (value != null) {
          env.put(var.getName(), value);
        }
      }
    }
    return env;
  }

  /** Expands {@code $(NAME)} with {@code env}; unknown references stay as written. */
  static String expand(String value, Map<String, String> env) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "$";
      } else {
        replacement = env.getOrDefault(m.group(1), m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String valueFrom(Pod pod, Container container, EnvVarSource source)
      throws ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getFieldRef() != null) {
      return field(pod, source.getFieldRef().getFieldPath());
    }
    if (source.getResourceFieldRef() != null) {
      var ref = source.getResourceFieldRef();
      return resource(container, ref.getResource(), ref.getDivisor());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      ConfigMap map = configMap(namespace, ref.getName(), optional);
      String value = map == null || map.getData() == null ? null : map.getData().get(ref.getKey());
      if (value == null && map != null && !optional) {
        throw new ContainerConfigException(
            "couldn't find key "
                + ref.getKey()
                + " in ConfigMap "
                + namespace
                + "/"
                + ref.getName());
      }
      return value;
    }
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.getOptional());
      Secret secret = secret(namespace, ref.getName(), optional);
      String value =
          secret == null || secret.getData() == null ? null : secret.getData().get(ref.getKey());
      if (value == null && secret != null && !optional) {
        throw new ContainerConfigException(
            "couldn't find key " + ref.getKey() + " in Secret " + namespace + "/" + ref.getName());
      }
      return value == null ? null : decode(value);
    }
    return null;
  }

  /** The downward API fields a kubelet supports in env. */
  static String field(Pod pod, String path) throws ContainerConfigException {
    var meta = pod.getMetadata();
    var status = pod.getStatus();
    switch (path) {
      case "metadata.name":
        return meta.getName();
      case "metadata.namespace":
        return meta.getNamespace();
      case "metadata.uid":
        return meta.getUid();
      case "spec.nodeName":
        return pod.getSpec().getNodeName();
      case "spec.serviceAccountName":
        return pod.getSpec().getServiceAccountName();
      case "status.hostIP":
        return status == null ? "" : status.getHostIP();
      case "status.podIP":
        return status == null ? "" : status.getPodIP();
      case "status.podIPs":
        return status == null ? "" : status.getPodIP();
      default:
        Matcher m = LABEL_FIELD.matcher(path);
        if (m.matches()) {
          var values = "labels".equals(m.group(1)) ? meta.getLabels() : meta.getAnnotations();
          return values == null ? "" : values.getOrDefault(m.group(2), "");
        }
        throw new ContainerConfigException("unsupported fieldRef fieldPath " + path);
    }
  }

  /** {@code limits.cpu} and friends, divided by the divisor and rounded up as the kubelet does. */
  static String resource(Container container, String resource, Quantity divisor) {
    var resources = container.getResources();
    String[] parts = resource.split("\\.", 2);
    Map<String, Quantity> values =
        resources == null
            ? null
            : "limits".equals(parts[0]) ? resources.getLimits() : resources.getRequests();
    Quantity quantity = values == null ? null : values.get(parts[1]);
    if (quantity == null) {
      return "0";
    }
    BigDecimal amount = quantity.getNumericalAmount();
    BigDecimal unit =
        divisor == null || divisor.getAmount() == null
            ? BigDecimal.ONE
            : divisor.getNumericalAmount();
    return amount.divide(unit, 0, RoundingMode.CEILING).toPlainString();
  }

  private ConfigMap configMap(String namespace, String name, boolean optional)
      throws ContainerConfigException {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null && !optional) {
      throw new ContainerConfigException("configmap \"" + name + "\" not found");
    }
    return map;
  }

  private Secret secret(String namespace, String name, boolean optional)
      throws ContainerConfigException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null && !optional) {
      throw new ContainerConfigException("secret \"" + name + "\" not found");
    }
    return secret;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
