package io.modelops.localcluster.kubelet;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Materialises a pod's volumes as folders under the pod's own directory, to be bind-mounted at each
 * container's mount paths: {@code emptyDir} (an empty, world-writable folder), {@code configMap},
 * {@code secret}, {@code downwardAPI} and {@code projected} (files, with {@code items} and modes),
 * {@code hostPath}, and claims bound to a {@code hostPath} or {@code local} PersistentVolume. Also
 * the service-account volume the ServiceAccount admission plugin would add ({@code token}, {@code
 * ca.crt}, {@code namespace}, the token from the TokenRequest API).
 */
final class PodVolumes {

  /** Where a service-account token is mounted, as on every Kubernetes pod. */
  static final String SERVICE_ACCOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** The volume name used for the service-account files. */
  static final String SERVICE_ACCOUNT_VOLUME = "kube-api-access-modelops";

  private static final long TOKEN_SECONDS = 24 * 3600;

  private final KubernetesClient client;
  private final byte[] caCertificate;

  PodVolumes(KubernetesClient client, byte[] caCertificate) {
    this.client = client;
    this.caCertificate = caCertificate.clone();
  }

  /** Creates every volume of {@code pod} under {@code dir}: volume name to folder. */
  Map<String, Path> materialise(Pod pod, Path dir) throws ContainerConfigException {
    Map<String, Path> volumes = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
      if (pod.getSpec().getVolumes() != null) {
        for (Volume volume : pod.getSpec().getVolumes()) {
          volumes.put(volume.getName(), create(pod, volume, dir.resolve(volume.getName())));
        }
      }
      if (automountsToken(pod)) {
        Path sa = dir.resolve(SERVICE_ACCOUNT_VOLUME);
        Files.createDirectories(sa);
        write(sa, "token", token(pod).getBytes(StandardCharsets.UTF_8), 0644);
        write(sa, "ca.crt", caCertificate, 0644);
        write(
            sa,
            "namespace",
            pod.getMetadata().getNamespace().getBytes(StandardCharsets.UTF_8),
            0644);
        volumes.put(SERVICE_ACCOUNT_VOLUME, sa);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return volumes;
  }

  /** Whether the pod gets the service-account files (pod setting, else the account's). */
  boolean automountsToken(Pod pod) {
    Boolean podSetting = pod.getSpec().getAutomountServiceAccountToken();
    if (podSetting != null) {
      return podSetting;
    }
    String name = serviceAccount(pod);
    var account =
        client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace()).withName(name).get();
    return account == null || !Boolean.FALSE.equals(account.getAutomountServiceAccountToken());
  }

  private static String serviceAccount(Pod pod) {
    String name = pod.getSpec().getServiceAccountName();
    return name == null || name.isEmpty() ? "default" : name;
  }

  private Path create(Pod pod, Volume volume, Path path)
      throws IOException, ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (volume.getHostPath() != null) {
      return Path.of(volume.getHostPath().getPath());
    }
    if (volume.getPersistentVolumeClaim() != null) {
      return claimPath(namespace, volume.getPersistentVolumeClaim().getClaimName());
    }
    Files.createDirectories(path);
    if (volume.getEmptyDir() != null) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
    } else if (volume.getConfigMap() != null) {
      var source = volume.getConfigMap();
      configMapFiles(
          namespace,
          source.getName(),
          Boolean.TRUE.equals(source.getOptional()),
          source.getItems(),
          mode(source.getDefaultMode()),
          path);
    } else if (volume.getSecret() != null) {
      var source = volume.getSecret();
      secretFiles(
          namespace,
          source.getSecretName(),
          Boolean.TRUE.equals(source.getOptional()),
          source.getItems(),
          mode(source.getDefaultMode()),
          path);
    } else if (volume.getDownwardAPI() != null) {
      for (var item : volume.getDownwardAPI().getItems()) {
        downward(pod, item, mode(volume.getDownwardAPI().getDefaultMode()), path);
      }
    } else if (volume.getProjected() != null) {
      int mode = mode(volume.getProjected().getDefaultMode());
      for (VolumeProjection source : volume.getProjected().getSources()) {
        project(pod, source, mode, path);
      }
    } else {
      throw new ContainerConfigException(
          "volume "
              + volume.getName()
              + ": this kind of volume is not supported by the process kubelet");
    }
    Long fsGroup = fsGroup(pod);
    // Only root can give files away; without it fsGroup is reported as not honoured.
    if (fsGroup != null && NetworkMode.isRoot()) {
      groupOwn(path, fsGroup.intValue(), volume.getEmptyDir() != null);
    }
    return path;
  }

  /** The pod's {@code securityContext.fsGroup}, if set. */
  static Long fsGroup(Pod pod) {
    var context = pod.getSpec().getSecurityContext();
    return context == null ? null : context.getFsGroup();
  }

  /**
   * The supplementary groups a container's process gets: {@code fsGroup} and {@code
   * supplementalGroups}, as a kubelet adds them.
   */
  static List<Long> supplementaryGroups(Pod pod) {
    var context = pod.getSpec().getSecurityContext();
    List<Long> groups = new java.util.ArrayList<>();
    if (context != null && context.getFsGroup() != null) {
      groups.add(context.getFsGroup());
    }
    if (context != null && context.getSupplementalGroups() != null) {
      groups.addAll(context.getSupplementalGroups());
    }
    return List.copyOf(groups);
  }

  /**
   * What a kubelet does for {@code fsGroup} on the volumes it writes: every file and folder of the
   * volume belongs to that group, files are group-readable (group-writable in an emptyDir) and
   * folders group-searchable with set-group-ID, so a non-root container in that group reads a
   * Secret file of mode 0440.
   */
  static void groupOwn(Path root, int gid, boolean writable) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(p, "unix:gid", gid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(p)) {
          continue;
        }
        int mode = (Integer) Files.getAttribute(p, "unix:mode") & 07777;
        if (Files.isDirectory(p)) {
          mode |= 02050 | (writable ? 020 : 0);
        } else {
          mode |= 040 | (writable ? 020 : 0);
        }
        Files.setAttribute(p, "unix:mode", mode);
      }
    }
  }

  private void project(Pod pod, VolumeProjection source, int mode, Path path)
      throws IOException, ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getConfigMap() != null) {
      var s = source.getConfigMap();
      configMapFiles(
          namespace, s.getName(), Boolean.TRUE.equals(s.getOptional()), s.getItems(), mode, path);
    } else if (source.getSecret() != null) {
      var s = source.getSecret();
      secretFiles(
          namespace, s.getName(), Boolean.TRUE.equals(s.getOptional()), s.getItems(), mode, path);
    } else if (source.getDownwardAPI() != null) {
      for (var item : source.getDownwardAPI().getItems()) {
        downward(pod, item, mode, path);
      }
    } else if (source.getServiceAccountToken() != null) {
      var s = source.getServiceAccountToken();
      write(
          path,
          s.getPath(),
          token(pod, s.getAudience(), s.getExpirationSeconds()).getBytes(StandardCharsets.UTF_8),
          mode);
    }
  }

  private void configMapFiles(
      String namespace, String name, boolean optional, List<KeyToPath> items, int mode, Path path)
      throws IOException, ContainerConfigException {
    var map = client.configMaps().inNamespace(namespace).withName(name).get();
    if (map == null) {
      if (optional) {
        return;
      }
      throw new ContainerConfigException("configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (map.getData() != null) {
      map.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (map.getBinaryData() != null) {
      map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    files(data, items, mode, path, "ConfigMap " + namespace + "/" + name);
  }

  private void secretFiles(
      String namespace, String name, boolean optional, List<KeyToPath> items, int mode, Path path)
      throws IOException, ContainerConfigException {
    var secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      if (optional) {
        return;
      }
      throw new ContainerConfigException("secret \"" + name + "\" not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    files(data, items, mode, path, "Secret " + namespace + "/" + name);
  }

  private static void files(
      Map<String, byte[]> data, List<KeyToPath> items, int mode, Path path, String what)
      throws IOException, ContainerConfigException {
    if (items == null || items.isEmpty()) {
      for (var entry : data.entrySet()) {
        write(path, entry.getKey(), entry.getValue(), mode);
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = data.get(item.getKey());
      if (value == null) {
        throw new ContainerConfigException("couldn't find key " + item.getKey() + " in " + what);
      }
      write(path, item.getPath(), value, item.getMode() == null ? mode : item.getMode());
    }
  }

  private void downward(
      Pod pod, io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile item, int mode, Path path)
      throws IOException, ContainerConfigException {
    String value;
    if (item.getFieldRef() != null) {
      value = EnvResolver.field(pod, item.getFieldRef().getFieldPath());
    } else {
      var ref = item.getResourceFieldRef();
      var container =
          pod.getSpec().getContainers().stream()
              .filter(c -> c.getName().equals(ref.getContainerName()))
              .findFirst()
              .orElse(pod.getSpec().getContainers().get(0));
      value = EnvResolver.resource(container, ref.getResource(), ref.getDivisor());
    }
    write(
        path,
        item.getPath(),
        value.getBytes(StandardCharsets.UTF_8),
        item.getMode() == null ? mode : item.getMode());
  }

  private Path claimPath(String namespace, String claim) throws ContainerConfigException {
    var pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
    if (pvc == null || pvc.getSpec().getVolumeName() == null) {
      throw new ContainerConfigException("persistentvolumeclaim \"" + claim + "\" is not bound");
    }
    var pv = client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get();
    if (pv != null && pv.getSpec().getHostPath() != null) {
      return Path.of(pv.getSpec().getHostPath().getPath());
    }
    if (pv != null && pv.getSpec().getLocal() != null) {
      return Path.of(pv.getSpec().getLocal().getPath());
    }
    throw new ContainerConfigException(
        "persistentvolume of claim \""
            + claim
            + "\" is neither hostPath nor local: the process kubelet cannot mount it");
  }

  private String token(Pod pod) {
    return token(pod, null, TOKEN_SECONDS);
  }

  private String token(Pod pod, String audience, Long seconds) {
    var spec =
        new TokenRequestBuilder()
            .withNewSpec()
            .withAudiences(audience == null ? List.of() : List.of(audience))
            .withExpirationSeconds(seconds == null ? TOKEN_SECONDS : seconds);
    String named = pod.getSpec().getServiceAccountName();
    if (named != null && !named.isEmpty()) {
      // Bound to the pod, as the kubelet does. A pod naming no account (the ServiceAccount
      // admission plugin, which would fill in "default", is off here) cannot be bound to.
      spec.withNewBoundObjectRef()
          .withApiVersion("v1")
          .withKind("Pod")
          .withName(pod.getMetadata().getName())
          .withUid(pod.getMetadata().getUid())
          .endBoundObjectRef();
    }
    var request = spec.endSpec().build();
    return client
        .serviceAccounts()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(serviceAccount(pod))
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }

  private static int mode(Integer mode) {
    return mode == null ? 0644 : mode;
  }

  private static void write(Path dir, String relative, byte[] content, int mode)
      throws IOException {
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) {
      throw new IOException("volume file path escapes its volume: " + relative);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setPosixFilePermissions(file, permissions(mode));
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder s = new StringBuilder();
    String rwx = "rwx";
    for (int bit = 8; bit >= 0; bit--) {
      s.append((mode & (1 << bit)) != 0 ? rwx.charAt(2 - bit % 3) : '-');
    }
    return PosixFilePermissions.fromString(s.toString());
  }
}
