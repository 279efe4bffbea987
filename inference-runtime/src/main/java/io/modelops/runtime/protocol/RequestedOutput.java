package io.modelops.runtime.protocol;

/**
 * An entry of the request's {@code outputs}: the output name and whether it should be returned in
 * the binary section ({@code null} = use the request-level {@code binary_data_output}).
 */
public record RequestedOutput(String name, Boolean binary) {}
