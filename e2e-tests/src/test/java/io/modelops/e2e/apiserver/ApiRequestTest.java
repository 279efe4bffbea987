package io.modelops.e2e.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ApiRequestTest {

  @Test
  void namespacedCustomResourceWithSubresource() {
    ApiRequest r =
        ApiRequest.parse(
            "PATCH", "/apis/modelops.io/v1alpha1/namespaces/search/modeldeployments/ctr/status");
    assertEquals("modelops.io", r.group());
    assertEquals("v1alpha1", r.version());
    assertEquals("search", r.namespace());
    assertEquals("modeldeployments", r.resource());
    assertEquals("ctr", r.name());
    assertEquals("status", r.subresource());
    assertEquals("patch", r.verb());
    assertEquals("modeldeployments/status", r.resourceWithSubresource());
  }

  @Test
  void verbsFollowKubernetesNaming() {
    assertEquals("list", ApiRequest.parse("GET", "/api/v1/pods?labelSelector=a%3Db").verb());
    assertEquals("watch", ApiRequest.parse("GET", "/api/v1/namespaces/x/pods?watch=true").verb());
    assertEquals("get", ApiRequest.parse("GET", "/api/v1/namespaces/x/pods/p").verb());
    assertEquals(
        "create", ApiRequest.parse("POST", "/apis/apps/v1/namespaces/x/deployments").verb());
    assertEquals(
        "deletecollection", ApiRequest.parse("DELETE", "/api/v1/namespaces/x/pods").verb());
    assertEquals(
        "a=b",
        ApiRequest.parse("GET", "/api/v1/pods?labelSelector=a%3Db").query().get("labelSelector"));
  }

  @Test
  void clusterScopedNamespaceObjectIsAResourceNotANamespacePrefix() {
    ApiRequest r = ApiRequest.parse("GET", "/api/v1/namespaces/default");
    assertEquals("namespaces", r.resource());
    assertEquals("default", r.name());
    assertNull(r.namespace());
  }

  @Test
  void discoveryPathsAreNotResources() {
    assertFalse(ApiRequest.parse("GET", "/apis/modelops.io/v1alpha1").isResourcePath());
    assertFalse(ApiRequest.parse("GET", "/openapi/v3").isResourcePath());
    assertFalse(ApiRequest.parse("GET", "/version").isResourcePath());
  }
}
