package dev.flinkoperator.resources;

/**
 * How an application cluster starts its job, as recorded in the status before deploying: under which id, and from
 * which savepoint or checkpoint (null for an empty start).
 */
public record JobLaunch(String jobId, String restorePath, boolean allowNonRestoredState) {
}
