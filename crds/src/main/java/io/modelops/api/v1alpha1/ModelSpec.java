package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The model artefact served by the inference runtime. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!(self.uri.startsWith('http://') || self.uri.startsWith('https://') || self.uri.startsWith('pvc://')) || has(self.sha256)",
    message = "sha256 is required when uri is http(s):// or pvc://",
    fieldPath = ".sha256",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!self.uri.contains('/../') && !self.uri.endsWith('/..')",
    message = "uri must not contain '..' path segments",
    fieldPath = ".uri")
@ValidationRule(
    value =
        "!has(self.signature) || !has(self.signature.uri) || !self.signature.uri.startsWith('pvc://') || (self.uri.startsWith('pvc://') && self.signature.uri.split('/')[2] == self.uri.split('/')[2])",
    message = "a pvc:// signature.uri must be on the claim of the model's pvc:// uri",
    fieldPath = ".signature.uri")
@ValidationRule(
    value =
        "!has(self.signature) || has(self.signature.uri) || has(self.signature.inline) || (has(self.signature.policy) && self.signature.policy == 'Disabled') || !(self.uri.contains('?') || self.uri.contains('#'))",
    message =
        "uri has a query or fragment, so the default signature location (uri + '.sig') does not work: set signature.uri or signature.inline",
    fieldPath = ".signature")
public class ModelSpec {

  @JsonPropertyDescription(
      "Model name used in the Open Inference Protocol path (/v2/models/{name}). Defaults to metadata.name.")
  @Pattern("^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$")
  @Size(max = 63)
  @ValidationRule(
      value = "self == oldSelf",
      message =
          "model.name is immutable: clients call /v2/models/{name}; create a new ModelDeployment to serve another name")
  private String name;

  @JsonPropertyDescription(
      "Version label of this model, shown in status and metrics (for example a training date).")
  @Required
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  @Size(max = 63)
  private String version;

  @JsonPropertyDescription(
      "Where the ONNX file is: file:///path (baked into the image or mounted), http(s)://host/path, or pvc://<claim>/<path>.")
  @Required
  @Pattern(
      "^(file:///[^\\s]+|https?://[^\\s/]+/[^\\s]+|pvc://[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[^\\s]+)$")
  @Size(max = 2048)
  private String uri;

  @JsonPropertyDescription(
      "Lowercase hex SHA-256 of the ONNX file; the runtime refuses to load a file that does not match. Required for http(s):// and pvc:// URIs.")
  @Pattern("^[a-f0-9]{64}$")
  @Size(min = 64, max = 64)
  private String sha256;

  @JsonPropertyDescription(
      "A detached signature over the model file, verified against public keys from a Secret or ConfigMap before the model is loaded.")
  private SignatureSpec signature;

  public SignatureSpec getSignature() {
    return signature;
  }

  public void setSignature(SignatureSpec signature) {
    this.signature = signature;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public String getSha256() {
    return sha256;
  }

  public void setSha256(String sha256) {
    this.sha256 = sha256;
  }
}
