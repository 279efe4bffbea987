package io.modelops.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DesiredSubsetTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void fieldsAddedByTheServerDoNotCountAsDrift() throws Exception {
    assertTrue(
        DesiredSubset.contains(
            json(
                "{'spec':{'replicas':2,'clusterIP':'10.0.0.1','ports':[{'port':8080,'protocol':'TCP'}]}}"),
            json("{'spec':{'replicas':2,'ports':[{'port':8080}]}}")));
  }

  @Test
  void changedScalarIsDrift() throws Exception {
    assertFalse(
        DesiredSubset.contains(json("{'spec':{'replicas':5}}"), json("{'spec':{'replicas':2}}")));
    assertFalse(
        DesiredSubset.contains(
            json("{'image':'attacker/miner'}"),
            json("{'image':'modelops/inference-runtime:0.1.0'}")));
  }

  @Test
  void missingFieldOrExtraListElementIsDrift() throws Exception {
    assertFalse(DesiredSubset.contains(json("{'spec':{}}"), json("{'spec':{'replicas':2}}")));
    assertFalse(
        DesiredSubset.contains(
            json("{'ports':[{'port':8080},{'port':9999}]}"), json("{'ports':[{'port':8080}]}")));
  }

  @Test
  void numbersCompareByValue() throws Exception {
    assertTrue(DesiredSubset.contains(json("{'a':1.0}"), json("{'a':1}")));
  }
}
