package dev.flinkoperator.resources;

import dev.flinkoperator.crd.spec.Resource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory of one Flink component (JobManager or TaskManager), resolved from {@code resources} (Kubernetes
 * style, preferred) or {@code resource} (compact style), and the container resources that follow from them.
 */
public record ComponentResources(MemorySize memory, BigDecimal cpu, ResourceRequirements container) {

    /**
     * @param field          spec path for error messages, e.g. "spec.jobManager"
     * @param defaultMemory  used when neither resources nor resource give memory
     */
    public static ComponentResources resolve(String field, Resource resource, ResourceRequirements resources,
            MemorySize defaultMemory) {
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null
                ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null
                ? Map.of() : resources.getLimits();
        String ephemeral = resource == null ? null : resource.ephemeralStorage;

        MemorySize memory = firstMemory(field, requests, limits, resource, defaultMemory);
        BigDecimal cpu = firstCpu(field, requests, limits, resource);

        Map<String, Quantity> containerRequests = new LinkedHashMap<>();
        containerRequests.put("cpu", new Quantity(cpu.stripTrailingZeros().toPlainString()));
        containerRequests.put("memory", new Quantity(memory.toKubernetesString()));
        // Flink sizes its JVM to the memory figure, so the limit defaults to the request (a guaranteed pod).
        Map<String, Quantity> containerLimits = new LinkedHashMap<>(containerRequests);
        if (limits.containsKey("cpu")) {
            containerLimits.put("cpu", new Quantity(parseCpu(field + ".resources.limits.cpu", limits.get("cpu"))
                    .stripTrailingZeros().toPlainString()));
        }
        if (limits.containsKey("memory")) {
            containerLimits.put("memory", new Quantity(MemorySize.parse(limits.get("memory").toString(),
                    field + ".resources.limits.memory").toKubernetesString()));
        }
        copyOther(requests, containerRequests);
        copyOther(limits, containerLimits);
        if (ephemeral != null) {
            Quantity storage = parseQuantity(field + ".resource.ephemeralStorage", ephemeral);
            containerRequests.putIfAbsent("ephemeral-storage", storage);
            containerLimits.putIfAbsent("ephemeral-storage", storage);
        }
        ResourceRequirementsBuilder container = new ResourceRequirementsBuilder()
                .withRequests(containerRequests).withLimits(containerLimits);
        if (resources != null && resources.getClaims() != null && !resources.getClaims().isEmpty()) {
            container.withClaims(resources.getClaims());
        }
        return new ComponentResources(memory, cpu, container.build());
    }

    private static MemorySize firstMemory(String field, Map<String, Quantity> requests, Map<String, Quantity> limits,
            Resource resource, MemorySize defaultMemory) {
        if (requests.containsKey("memory")) {
            return MemorySize.parse(requests.get("memory").toString(), field + ".resources.requests.memory");
        }
        if (limits.containsKey("memory")) {
            return MemorySize.parse(limits.get("memory").toString(), field + ".resources.limits.memory");
        }
        if (resource != null && resource.memory != null) {
            return MemorySize.parse(resource.memory, field + ".resource.memory");
        }
        return defaultMemory;
    }

    private static BigDecimal firstCpu(String field, Map<String, Quantity> requests, Map<String, Quantity> limits,
            Resource resource) {
        if (requests.containsKey("cpu")) {
            return parseCpu(field + ".resources.requests.cpu", requests.get("cpu"));
        }
        if (limits.containsKey("cpu")) {
            return parseCpu(field + ".resources.limits.cpu", limits.get("cpu"));
        }
        if (resource != null && resource.cpu != null) {
            if (!(resource.cpu > 0) || resource.cpu.isInfinite()) {
                throw new InvalidSpecException(field + ".resource.cpu must be more than zero, got " + resource.cpu);
            }
            return BigDecimal.valueOf(resource.cpu);
        }
        return BigDecimal.ONE;
    }

    private static BigDecimal parseCpu(String field, Quantity quantity) {
        BigDecimal cpu;
        try {
            cpu = Quantity.getAmountInBytes(quantity);
        } catch (RuntimeException e) {
            throw new InvalidSpecException(field + " '" + quantity + "' is not a CPU amount; use e.g. 1, 0.5 or 500m");
        }
        if (cpu.signum() <= 0) {
            throw new InvalidSpecException(field + " must be more than zero, got " + quantity);
        }
        return cpu;
    }

    private static Quantity parseQuantity(String field, String text) {
        try {
            Quantity quantity = new Quantity(text);
            Quantity.getAmountInBytes(quantity);
            return quantity;
        } catch (RuntimeException e) {
            throw new InvalidSpecException(field + " '" + text + "' is not a Kubernetes quantity; use e.g. 10Gi");
        }
    }

    private static void copyOther(Map<String, Quantity> from, Map<String, Quantity> to) {
        from.forEach((name, value) -> {
            if (!name.equals("cpu") && !name.equals("memory")) {
                to.putIfAbsent(name, value);
            }
        });
    }

    /** CPU in Flink's notation (a plain decimal). */
    public String cpuString() {
        return cpu.stripTrailingZeros().toPlainString();
    }
}
