package io.modelops.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelUriTest {

  @ParameterizedTest
  @CsvSource({
    "file:///models/a.onnx, file:///models/a.onnx, ''",
    "https://host/m.onnx, https://host/m.onnx, ''",
    "http://host/m.onnx, http://host/m.onnx, ''",
    "pvc://store/ctr/v1/model.onnx, file:///mnt/models/ctr/v1/model.onnx, store",
  })
  void runtimeUriAndClaim(String uri, String runtimeUri, String claim) {
    ModelUri parsed = ModelUri.parse(uri);
    assertEquals(runtimeUri, parsed.runtimeUri());
    assertEquals(claim, parsed.pvcClaim().orElse(""));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "models/a.onnx",
        "s3://bucket/a.onnx",
        "pvc://store",
        "pvc://store/",
        "pvc://s/../etc/passwd"
      })
  void badUrisAreRejectedWithTheUriInTheMessage(String uri) {
    var e = assertThrows(IllegalArgumentException.class, () -> ModelUri.parse(uri));
    assertTrue(e.getMessage().contains("spec.model.uri"), e.getMessage());
  }
}
