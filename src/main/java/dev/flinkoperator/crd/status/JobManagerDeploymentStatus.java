package dev.flinkoperator.crd.status;

/** State of the JobManager Deployment. */
public enum JobManagerDeploymentStatus { DEPLOYED_NOT_READY, DEPLOYING, ERROR, MISSING, READY }
