package dev.flinkoperator.crd.spec;

/**
 * Schema stand-in for pod templates: an open object. Our Kubernetes model predates the newest Pod fields, and a
 * typed schema would let the API server prune them from users' templates; an open object keeps every field, and the
 * operator passes them through to the pods.
 */
public final class PodTemplateSchema {
    private PodTemplateSchema() {
    }
}
