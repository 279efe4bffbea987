package io.modelops.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How steady state is observed before, during and after the fault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.prometheus) || size(self.prometheus) == 0 || has(self.prometheusAddress)",
    message = "prometheusAddress is required when prometheus probes are set",
    fieldPath = ".prometheusAddress",
    reason = "FieldValueRequired")
public class SteadyStateSpec {

  @JsonPropertyDescription("Synthetic inference traffic; always on, with defaults when unset.")
  private ProbeTraffic traffic;

  @JsonPropertyDescription("Base URL of the Prometheus API, http(s)://...")
  @Size(max = 2048)
  @Pattern("^https?://[^\\s]+$")
  private String prometheusAddress;

  @JsonPropertyDescription("Extra PromQL checks (at most 8, names unique).")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(p, self.exists_one(q, q.name == p.name))",
      message = "prometheus probe names must be unique")
  private List<PrometheusProbe> prometheus;

  public ProbeTraffic getTraffic() {
    return traffic;
  }

  public void setTraffic(ProbeTraffic traffic) {
    this.traffic = traffic;
  }

  public String getPrometheusAddress() {
    return prometheusAddress;
  }

  public void setPrometheusAddress(String prometheusAddress) {
    this.prometheusAddress = prometheusAddress;
  }

  public List<PrometheusProbe> getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(List<PrometheusProbe> prometheus) {
    this.prometheus = prometheus;
  }
}
