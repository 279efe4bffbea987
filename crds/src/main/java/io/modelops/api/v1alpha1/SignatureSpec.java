package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A detached signature over the model file (cosign sign-blob --key, or Ed25519) and the public keys
 * that may have made it. See docs/runtime.md, "Signed models".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.uri) && has(self.inline))",
    message = "set at most one of uri or inline: the signature is either at a URI or inline",
    fieldPath = ".inline")
@ValidationRule(
    value = "(has(self.policy) && self.policy == 'Disabled') || has(self.publicKeys)",
    message = "publicKeys is required unless policy is Disabled",
    fieldPath = ".publicKeys",
    reason = "FieldValueRequired")
public class SignatureSpec {

  @JsonPropertyDescription(
      "Required: the runtime refuses a model without a valid signature. IfPresent: an unsigned model is served, a wrongly signed one refused. Disabled: nothing is checked. Default Required.")
  private SignaturePolicy policy;

  @JsonPropertyDescription(
      "Where the base64 signature file is: file:///path, http(s)://host/path, or pvc://<claim>/<path> on the model's claim. Default: spec.model.uri with .sig appended.")
  @Pattern(
      "^(file:///[^\\s]+|https?://[^\\s/]+/[^\\s]+|pvc://[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[^\\s]+)$")
  @Size(max = 2048)
  private String uri;

  @JsonPropertyDescription(
      "The signature itself, base64 (the content of cosign's .sig file), instead of a uri.")
  @Pattern("^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$")
  @Size(max = 4096)
  private String inline;

  @JsonPropertyDescription("The public keys the signature may be made with.")
  private PublicKeySource publicKeys;

  public SignaturePolicy getPolicy() {
    return policy;
  }

  public void setPolicy(SignaturePolicy policy) {
    this.policy = policy;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public String getInline() {
    return inline;
  }

  public void setInline(String inline) {
    this.inline = inline;
  }

  public PublicKeySource getPublicKeys() {
    return publicKeys;
  }

  public void setPublicKeys(PublicKeySource publicKeys) {
    this.publicKeys = publicKeys;
  }
}
