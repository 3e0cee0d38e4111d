package dev.flinkoperator.validation;

import dev.flinkoperator.crd.FlinkDeployment;
import dev.flinkoperator.crd.FlinkSessionJob;
import dev.flinkoperator.crd.spec.FlinkSessionJobSpec;
import dev.flinkoperator.resources.InvalidSpecException;
import dev.flinkoperator.resources.SessionJobConfig;
import java.util.ArrayList;
import java.util.List;

/** Decides whether a FlinkSessionJob can be submitted to the session cluster it names. */
public final class FlinkSessionJobValidator {
    private FlinkSessionJobValidator() {
    }

    /** @param session the FlinkDeployment named by spec.deploymentName, or null when there is none */
    public static List<String> validate(FlinkSessionJob job, FlinkDeployment session) {
        List<String> errors = new ArrayList<>();
        FlinkSessionJobSpec spec = job.getSpec();
        if (spec == null) {
            return List.of("spec is missing");
        }
        if (spec.deploymentName == null || spec.deploymentName.isBlank()) {
            errors.add("spec.deploymentName is required: the session FlinkDeployment to run the job in");
        } else if (session == null) {
            errors.add("FlinkDeployment '" + spec.deploymentName + "' named by spec.deploymentName does not exist "
                    + "in namespace " + job.getMetadata().getNamespace());
        } else if (session.getSpec() != null && session.getSpec().job != null) {
            errors.add("FlinkDeployment '" + spec.deploymentName + "' runs an application (it has spec.job); "
                    + "session jobs need a session cluster (a FlinkDeployment without spec.job)");
        }
        if (spec.job == null) {
            errors.add("spec.job is required: the jar and settings of the job to submit");
        } else {
            JobSpecRules.check(spec.job, true, errors);
        }
        if (errors.isEmpty()) {
            try {
                JobSpecRules.checkStateDirectories(spec.job, SessionJobConfig.effective(job, session), errors);
            } catch (InvalidSpecException e) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }
}
