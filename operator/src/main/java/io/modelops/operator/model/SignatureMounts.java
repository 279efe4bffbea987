package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.KeyToPathBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.modelops.api.v1alpha1.KeyReference;
import io.modelops.api.v1alpha1.ModelDeployment;
import io.modelops.api.v1alpha1.SignaturePolicy;
import io.modelops.api.v1alpha1.SignatureSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * spec.model.signature in the runtime pod: the public keys' Secret or ConfigMap as a read-only
 * volume, and the runtime's MODEL_SIGNATURE_* env (docs/runtime.md, "Signed models"). Pure.
 */
public final class SignatureMounts {
  public static final String KEYS_VOLUME = "signing-keys";
  public static final String KEYS_DIR = "/etc/modelops/signing-keys";

  private SignatureMounts() {}

  /** The signature block when it asks for a check (policy not Disabled), else empty. */
  static Optional<SignatureSpec> active(ModelDeployment md) {
    SignatureSpec signature = md.getSpec().getModel().getSignature();
    if (signature == null || policy(signature) == SignaturePolicy.Disabled) {
      return Optional.empty();
    }
    return Optional.of(signature);
  }

  /** The policy; Required when the block is there without one. */
  public static SignaturePolicy policy(SignatureSpec signature) {
    return signature.getPolicy() == null ? SignaturePolicy.Required : signature.getPolicy();
  }

  /**
   * Checks what the CRD's rules cannot see (an API server without them, or a spec written before
   * them).
   *
   * @throws IllegalArgumentException naming the field
   */
  static void validate(ModelDeployment md, ModelUri modelUri) {
    Optional<SignatureSpec> active = active(md);
    if (active.isEmpty()) {
      return;
    }
    SignatureSpec s = active.get();
    var keys = s.getPublicKeys();
    if (keys == null || (keys.getSecretRef() == null) == (keys.getConfigMapRef() == null)) {
      throw new IllegalArgumentException(
          "spec.model.signature.publicKeys needs exactly one of secretRef or configMapRef");
    }
    if (s.getUri() != null && s.getInline() != null) {
      throw new IllegalArgumentException("spec.model.signature: set at most one of uri or inline");
    }
    if (s.getUri() != null) {
      ModelUri sig = ModelUri.parse(s.getUri());
      if (sig.pvcClaim().isPresent() && !sig.pvcClaim().equals(modelUri.pvcClaim())) {
        throw new IllegalArgumentException(
            "spec.model.signature.uri: a pvc:// signature must be on the model's claim");
      }
    }
  }

  /** The runtime's signature env, in a stable order; empty when nothing is checked. */
  static Map<String, String> env(ModelDeployment md) {
    Map<String, String> env = new LinkedHashMap<>();
    active(md)
        .ifPresent(
            s -> {
              env.put("MODEL_SIGNATURE_POLICY", policy(s).name().toLowerCase(Locale.ROOT));
              env.put("MODEL_SIGNATURE_KEYS", KEYS_DIR);
              if (s.getUri() != null) {
                env.put("MODEL_SIGNATURE_URI", ModelUri.parse(s.getUri()).runtimeUri());
              }
              if (s.getInline() != null) {
                env.put("MODEL_SIGNATURE", s.getInline());
              }
            });
    return env;
  }

  /** The keys' read-only mount, when a signature is checked. */
  static Optional<VolumeMount> mount(ModelDeployment md) {
    return active(md)
        .map(
            s ->
                new VolumeMountBuilder()
                    .withName(KEYS_VOLUME)
                    .withMountPath(KEYS_DIR)
                    .withReadOnly(true)
                    .build());
  }

  /** The keys' volume: the whole Secret or ConfigMap, or just its one key. */
  static Optional<Volume> volume(ModelDeployment md) {
    return active(md)
        .map(
            s -> {
              var keys = s.getPublicKeys();
              VolumeBuilder v = new VolumeBuilder().withName(KEYS_VOLUME);
              if (keys.getSecretRef() != null) {
                KeyReference ref = keys.getSecretRef();
                v.withNewSecret()
                    .withSecretName(ref.getName())
                    .withItems(items(ref))
                    .withDefaultMode(0444)
                    .withOptional(false)
                    .endSecret();
              } else {
                KeyReference ref = keys.getConfigMapRef();
                v.withNewConfigMap()
                    .withName(ref.getName())
                    .withItems(items(ref))
                    .withDefaultMode(0444)
                    .withOptional(false)
                    .endConfigMap();
              }
              return v.build();
            });
  }

  private static List<io.fabric8.kubernetes.api.model.KeyToPath> items(KeyReference ref) {
    return ref.getKey() == null
        ? null
        : List.of(new KeyToPathBuilder().withKey(ref.getKey()).withPath(ref.getKey()).build());
  }
}
