package io.modelops.operator.model;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modelops.api.v1alpha1.ModelDeployment;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The opt-in to the runtime's fault admin API ({@code spec.runtime.faultInjection.enabled}) and the
 * Secret {@code <name>-fault-token} that holds its bearer token. The token is generated once, when
 * the Secret is created, and never regenerated while the Secret exists; it is never logged. Pure,
 * apart from the random source.
 */
public final class FaultInjection {

  /** The key of the token in the Secret. */
  public static final String TOKEN_KEY = "token";

  /** The pod volume and where it is mounted (read-only) in the runtime container. */
  public static final String VOLUME = "fault-token";

  public static final String MOUNT_PATH = "/var/run/modelops/fault-token";

  /** The file the runtime reads the token from ({@code RUNTIME_ADMIN_TOKEN_FILE}). */
  public static final String TOKEN_FILE = MOUNT_PATH + "/" + TOKEN_KEY;

  /**
   * The longest fault the runtime accepts ({@code RUNTIME_ADMIN_MAX_FAULT_DURATION}): the longest
   * drill duration, so a runtime fault can be held for a whole drill (the runtime's default is
   * 10m).
   */
  public static final String MAX_FAULT_DURATION = "2h";

  /** Token Secret files: readable by the owner and the pod's fsGroup (the runtime's group). */
  public static final int FILE_MODE = 0440;

  private static final int TOKEN_BYTES = 32;
  private static final RandomGenerator SECURE = new SecureRandom();

  private FaultInjection() {}

  /** Whether {@code md} opted in to runtime fault injection. */
  public static boolean enabled(ModelDeployment md) {
    var runtime = md.getSpec() == null ? null : md.getSpec().getRuntime();
    return runtime != null
        && runtime.getFaultInjection() != null
        && Boolean.TRUE.equals(runtime.getFaultInjection().getEnabled());
  }

  /** The token Secret's name: {@code <name>-fault-token}. */
  public static String secretName(ModelDeployment md) {
    return ModelDeploymentNames.faultTokenSecret(md);
  }

  /** A fresh random token: 32 bytes from a SecureRandom, hex. */
  public static String newToken() {
    return newToken(SECURE);
  }

  static String newToken(RandomGenerator random) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The token Secret of {@code md} holding {@code token}: owned by {@code md}, labelled as the
   * operator's, immutable (a new token means a new Secret).
   */
  public static Secret secret(ModelDeployment md, String token) {
    return new SecretBuilder()
        .withMetadata(Owners.metadata(md, secretName(md), Labels.standard(md)))
        .withType("Opaque")
        .withImmutable(true)
        .withData(
            Map.of(
                TOKEN_KEY,
                Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  /** The token a Secret holds; null when it holds none. */
  public static String token(Secret secret) {
    if (secret == null) {
      return null;
    }
    if (secret.getData() != null && secret.getData().get(TOKEN_KEY) != null) {
      return new String(
              Base64.getDecoder().decode(secret.getData().get(TOKEN_KEY)), StandardCharsets.UTF_8)
          .trim();
    }
    if (secret.getStringData() != null && secret.getStringData().get(TOKEN_KEY) != null) {
      return secret.getStringData().get(TOKEN_KEY).trim();
    }
    return null;
  }
}
