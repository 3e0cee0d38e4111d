package dev.flinkoperator.resources;

import dev.flinkoperator.crd.spec.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Ingress &lt;name&gt; to the REST service, from spec.ingress.template ("host/path", placeholders expanded). */
public final class FlinkIngressBuilder {
    static final String NGINX_REWRITE = "nginx.ingress.kubernetes.io/rewrite-target";
    // The documented path form "/{{namespace}}/{{name}}(/|$)(.*)" captures the rest of the URL as group 2.
    private static final String REGEX_SUFFIX = "(/|$)(.*)";

    private FlinkIngressBuilder() {
    }

    public static Ingress build(FlinkClusterModel model) {
        IngressSpec spec = model.ingress();
        HostAndPath target = HostAndPath.parse(spec.template, model.name(), model.namespace());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (target.path().endsWith(REGEX_SUFFIX)) {
            annotations.put(NGINX_REWRITE, "/$2");
        }
        if (spec.annotations != null) {
            annotations.putAll(spec.annotations);
        }
        Map<String, String> labels = FlinkLabels.cluster(model.name());
        if (spec.labels != null) {
            labels.putAll(spec.labels);
        }
        HTTPIngressPath path = new HTTPIngressPathBuilder()
                .withPath(target.path())
                .withPathType("ImplementationSpecific")
                .withNewBackend().withNewService().withName(model.restServiceName())
                .withNewPort().withNumber(EffectiveFlinkConfig.REST_PORT).endPort().endService().endBackend()
                .build();
        return new IngressBuilder()
                .withNewMetadata()
                .withName(model.name())
                .withNamespace(model.namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(model.owner())
                .endMetadata()
                .withNewSpec()
                .withIngressClassName(spec.className)
                .withRules(new IngressRuleBuilder().withHost(target.host())
                        .withNewHttp().withPaths(path).endHttp().build())
                .withTls(spec.tls)
                .endSpec()
                .build();
    }

    /** Host (null when the template starts with '/') and path of an ingress template. */
    record HostAndPath(String host, String path) {
        static HostAndPath parse(String template, String name, String namespace) {
            if (template == null || template.isBlank()) {
                throw new InvalidSpecException("spec.ingress.template is required when spec.ingress is set, "
                        + "e.g. {{name}}.{{namespace}}.flink.example.com");
            }
            String expanded = template.trim().replace("{{name}}", name).replace("{{namespace}}", namespace)
                    .replaceFirst("^[a-zA-Z]+://", "");
            int slash = expanded.indexOf('/');
            String host = slash < 0 ? expanded : expanded.substring(0, slash);
            String path = slash < 0 ? "/" : expanded.substring(slash);
            return new HostAndPath(host.isEmpty() ? null : host, path);
        }
    }
}
