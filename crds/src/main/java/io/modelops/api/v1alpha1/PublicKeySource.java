package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the public keys that may sign the model are: a Secret or a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.secretRef) != has(self.configMapRef)",
    message = "set exactly one of secretRef or configMapRef")
public class PublicKeySource {

  @JsonPropertyDescription(
      "Secret holding PEM public keys (\"-----BEGIN PUBLIC KEY-----\": ECDSA P-256 as made by cosign generate-key-pair, or Ed25519). Several keys: any one verifying is enough.")
  private KeyReference secretRef;

  @JsonPropertyDescription("ConfigMap holding PEM public keys, as secretRef.")
  private KeyReference configMapRef;

  public KeyReference getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(KeyReference secretRef) {
    this.secretRef = secretRef;
  }

  public KeyReference getConfigMapRef() {
    return configMapRef;
  }

  public void setConfigMapRef(KeyReference configMapRef) {
    this.configMapRef = configMapRef;
  }
}
