package dev.flinkoperator.crd.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.Map;

/** Ingress for the Flink REST API and web UI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IngressSpec {
    @JsonPropertyDescription("Host and optional path of the ingress; {{name}} and {{namespace}} are replaced, "
            + "e.g. {{name}}.{{namespace}}.flink.example.com or example.com/{{namespace}}/{{name}}(/|$)(.*).")
    public String template;

    @JsonPropertyDescription("IngressClass name.")
    public String className;

    @JsonPropertyDescription("Annotations put on the Ingress.")
    public Map<String, String> annotations;

    @JsonPropertyDescription("Labels put on the Ingress.")
    public Map<String, String> labels;

    @JsonPropertyDescription("TLS settings of the Ingress.")
    public List<IngressTLS> tls;
}
