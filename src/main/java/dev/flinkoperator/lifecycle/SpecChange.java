package dev.flinkoperator.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkoperator.crd.spec.AbstractFlinkSpec;
import dev.flinkoperator.resources.FlinkConfigFlattener;
import dev.flinkoperator.resources.InvalidSpecException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What a spec asks for compared with the spec last acted on (lastReconciledSpec): nothing, a first deployment, a new
 * parallelism only (SCALE: job.parallelism, taskManager.replicas, pipeline.jobvertex-parallelism-overrides), another
 * upgrade, or a redeployment from job.initialSavepointPath (savepointRedeployNonce changed). Nonces that ask for a
 * snapshot or an autoscaler reset are not upgrades: they are acted on without touching the running job.
 */
public enum SpecChange {
    FIRST, NONE, SCALE, UPGRADE, REDEPLOY;

    private static final List<String> NOT_UPGRADES =
            List.of("savepointTriggerNonce", "checkpointTriggerNonce", "autoscalerResetNonce");

    public static SpecChange of(AbstractFlinkSpec spec, String lastReconciledSpec) {
        if (lastReconciledSpec == null) {
            return FIRST;
        }
        // Both sides from JSON text: a tree made from the objects holds a Long where the parsed one holds an int.
        JsonNode now = parse(Serialization.asJson(spec));
        JsonNode before = parse(lastReconciledSpec);
        if (!Objects.equals(jobField(now, "savepointRedeployNonce"), jobField(before, "savepointRedeployNonce"))) {
            return REDEPLOY;
        }
        JsonNode nowCompared = withoutNonces(now);
        JsonNode beforeCompared = withoutNonces(before);
        if (nowCompared.equals(beforeCompared)) {
            return NONE;
        }
        return withoutParallelism(nowCompared).equals(withoutParallelism(beforeCompared)) ? SCALE : UPGRADE;
    }

    /** A job nonce of a spec's JSON (lastReconciledSpec), or null. */
    public static Long jobNonce(String specJson, String field) {
        JsonNode value = specJson == null ? null : jobField(parse(specJson), field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    /** The spec JSON with one job nonce replaced: that nonce has been acted on. */
    public static String withJobNonce(String specJson, String field, Long value) {
        JsonNode spec = parse(specJson);
        if (spec.get("job") instanceof ObjectNode job) {
            if (value == null) {
                job.remove(field);
            } else {
                job.put(field, value);
            }
        }
        return Serialization.asJson(spec);
    }

    private static JsonNode parse(String json) {
        try {
            return Serialization.jsonMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("lastReconciledSpec is not JSON", e);
        }
    }

    private static JsonNode jobField(JsonNode spec, String field) {
        JsonNode job = spec.get("job");
        return job == null ? null : job.get(field);
    }

    /** The spec without what only sets parallelism; flinkConfiguration flattened (nested and flat keys equal). */
    private static JsonNode withoutParallelism(JsonNode spec) {
        ObjectNode copy = spec.deepCopy();
        if (copy.get("job") instanceof ObjectNode job) {
            job.remove("parallelism");
        }
        if (copy.get("taskManager") instanceof ObjectNode taskManager) {
            taskManager.remove("replicas");
            if (taskManager.isEmpty()) {
                copy.remove("taskManager"); // a spec without one says the same
            }
        }
        try {
            SortedMap<String, String> config = FlinkConfigFlattener.flatten(copy.get("flinkConfiguration"));
            config.remove(InPlaceScaling.PARALLELISM_OVERRIDES);
            copy.set("flinkConfiguration", Serialization.jsonMapper().valueToTree(config));
        } catch (InvalidSpecException e) {
            // not a map: compared as it is (validation reports it)
        }
        return copy;
    }

    private static JsonNode withoutNonces(JsonNode spec) {
        JsonNode copy = spec.deepCopy();
        if (copy.get("job") instanceof ObjectNode job) {
            NOT_UPGRADES.forEach(job::remove);
        }
        return copy;
    }
}
