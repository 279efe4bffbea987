package io.modelops.api.v1alpha1;

/** What the runtime does about spec.model.signature. */
public enum SignaturePolicy {
  /** Refuse to serve a model without a signature that one of the public keys verifies. */
  Required,
  /** Verify a signature when there is one (refusing a wrong one); serve an unsigned model. */
  IfPresent,
  /** Check nothing (the rest of the signature block is kept but ignored). */
  Disabled
}
