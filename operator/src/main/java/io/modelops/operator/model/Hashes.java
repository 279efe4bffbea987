package io.modelops.operator.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Stable short hashes of object parts (spec hashes, pod template revisions). */
public final class Hashes {

  private static final KubernetesSerialization SERIALIZATION =
      new KubernetesSerialization(
          new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true),
          false);

  private Hashes() {}

  /**
   * Sets the {@link Annotations#SPEC_HASH} annotation of {@code object} to a hash of its labels and
   * {@code spec} (everything the operator manages in it) and returns the object.
   */
  public static <T extends HasMetadata> T withSpecHash(T object, Object spec) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Annotations.SPEC_HASH, of(List.of(object.getMetadata().getLabels(), spec), 16));
    object.getMetadata().setAnnotations(annotations);
    return object;
  }

  /** First {@code length} hex characters of the SHA-256 of {@code value}'s JSON form. */
  public static String of(Object value, int length) {
    try {
      byte[] json = SERIALIZATION.asJson(value).getBytes(StandardCharsets.UTF_8);
      String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
      return hex.substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
