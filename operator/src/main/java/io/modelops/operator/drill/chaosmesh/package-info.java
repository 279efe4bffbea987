/**
 * Chaos Mesh ({@code chaos-mesh.org/v1alpha1}) for the ChaosMesh drill engine: typed models of the
 * part of PodChaos, NetworkChaos, HTTPChaos and StressChaos the engine writes and reads, and the
 * pure builder from a drill's spec and recorded fault to one of those objects. Field names are
 * Chaos Mesh's own. Depends on the API types only; the drill package depends on this one, never the
 * other way round.
 */
package io.modelops.operator.drill.chaosmesh;
