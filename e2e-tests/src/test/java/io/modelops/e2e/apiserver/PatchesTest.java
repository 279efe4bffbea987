package io.modelops.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PatchesTest {

  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return M.readTree(s.replace('\'', '"'));
  }

  @Test
  void mergePatchReplacesListsAndRemovesNulls() throws Exception {
    JsonNode target =
        json("{'status':{'conditions':[{'type':'Ready'}],'phase':'Pending'},'spec':{'a':1,'b':2}}");
    JsonNode patch = json("{'status':{'conditions':[{'type':'Degraded'}]},'spec':{'b':null}}");
    assertEquals(
        json("{'status':{'conditions':[{'type':'Degraded'}],'phase':'Pending'},'spec':{'a':1}}"),
        Patches.mergePatch(target, patch));
  }

  @Test
  void mergePatchDoesNotModifyTarget() throws Exception {
    JsonNode target = json("{'a':{'b':1}}");
    Patches.mergePatch(target, json("{'a':{'b':2}}"));
    assertEquals(json("{'a':{'b':1}}"), target);
  }

  @Test
  void strategicMergePatchMergesContainersAndEnvByName() throws Exception {
    JsonNode target =
        json(
            "{'containers':[{'name':'app','image':'a:1','env':[{'name':'A','value':'1'},"
                + "{'name':'B','value':'2'}]},{'name':'side','image':'s:1'}]}");
    JsonNode patch =
        json(
            "{'$setElementOrder/containers':[{'name':'app'},{'name':'side'}],"
                + "'containers':[{'name':'app','image':'a:2','env':[{'name':'B','$patch':'delete'},"
                + "{'name':'C','value':'3'}]}]}");
    assertEquals(
        json(
            "{'containers':[{'name':'app','image':'a:2','env':[{'name':'A','value':'1'},"
                + "{'name':'C','value':'3'}]},{'name':'side','image':'s:1'}]}"),
        Patches.strategicMergePatch(target, patch));
  }

  @Test
  void strategicMergePatchReplacesListsWithoutMergeKey() throws Exception {
    JsonNode target = json("{'args':['a','b'],'tolerations':[{'key':'x'}]}");
    JsonNode patch = json("{'args':['c'],'tolerations':[{'key':'y'}]}");
    assertEquals(
        json("{'args':['c'],'tolerations':[{'key':'y'}]}"),
        Patches.strategicMergePatch(target, patch));
  }

  @Test
  void strategicMergePatchHonoursDirectives() throws Exception {
    JsonNode target = json("{'a':{'x':1,'y':2},'b':{'k':1},'finalizers':['f1','f2'],'c':{'p':1}}");
    JsonNode patch =
        json(
            "{'a':{'$patch':'replace','z':3},'b':{'$patch':'delete'},"
                + "'$deleteFromPrimitiveList/finalizers':['f1'],'c':{'$retainKeys':['q'],'q':2}}");
    assertEquals(
        json("{'a':{'z':3},'finalizers':['f2'],'c':{'q':2}}"),
        Patches.strategicMergePatch(target, patch));
  }

  @Test
  void portsMergeByContainerPortOrPort() throws Exception {
    JsonNode target = json("{'ports':[{'port':80,'name':'http'},{'port':9090,'name':'metrics'}]}");
    JsonNode patch = json("{'ports':[{'port':80,'name':'web'}]}");
    assertEquals(
        json("{'ports':[{'port':80,'name':'web'},{'port':9090,'name':'metrics'}]}"),
        Patches.strategicMergePatch(target, patch));
  }
}
