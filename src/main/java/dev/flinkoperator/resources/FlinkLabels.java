package dev.flinkoperator.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotation keys; the label names are those of Flink's native integration, so selectors keep working. */
public final class FlinkLabels {
    public static final String APP = "app";
    public static final String COMPONENT = "component";
    public static final String TYPE = "type";
    public static final String TYPE_NATIVE = "flink-native-kubernetes";
    public static final String COMPONENT_JOBMANAGER = "jobmanager";
    public static final String COMPONENT_TASKMANAGER = "taskmanager";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "flink-operator";
    /** Hash of the desired object, compared instead of the live object so server-side defaults never look like drift. */
    public static final String DESIRED_HASH = "flinkoperator.dev/desired-hash";
    /** Hash of the Flink configuration, on pod templates so a configuration change rolls the pods. */
    public static final String CONFIG_HASH = "flinkoperator.dev/config-hash";

    private FlinkLabels() {
    }

    /** Labels of everything the operator creates for a cluster. */
    public static Map<String, String> cluster(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, name);
        labels.put(TYPE, TYPE_NATIVE);
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        return labels;
    }

    /** Selector of one component's pods (no managed-by: Flink's own TaskManager pods lack it). */
    public static Map<String, String> selector(String name, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(APP, name);
        labels.put(COMPONENT, component);
        labels.put(TYPE, TYPE_NATIVE);
        return labels;
    }

    public static Map<String, String> component(String name, String component) {
        Map<String, String> labels = cluster(name);
        labels.put(COMPONENT, component);
        return labels;
    }

    public static String selectorString(String name, String component) {
        return APP + "=" + name + "," + COMPONENT + "=" + component + "," + TYPE + "=" + TYPE_NATIVE;
    }
}
