package io.modelops.operator.drill;

/** Starts probers (HTTP in the operator; fakes in the mock tier, which has no runtime to call). */
@FunctionalInterface
public interface ProberFactory {
  SteadyStateProber start(ProbeSpec spec);
}
