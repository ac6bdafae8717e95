package org.nodeprocessexporter.packaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a rendered Kubernetes object against the API's schema, offline (no API server, no
 * kubeconform here): the built-in kinds with the official Kubernetes Java client's models, which
 * openapi-generator made from the Kubernetes 1.32 OpenAPI document (each model rejects a field the
 * schema does not have, a missing required field and a wrong JSON type, recursively, and then
 * binds the values to their Java types); the ServiceMonitor with fabric8's model, generated from the
 * Prometheus operator's CRD schema, bound with Jackson and then searched for fields it did not know
 * (fabric8 keeps those in each object's additionalProperties instead of failing).
 */
final class KubernetesSchema {
    private KubernetesSchema() {
    }

    /** Throws an exception naming the first violation; returns normally for a valid object. */
    static void validate(Map<String, Object> object) throws Exception {
        String type = object.get("apiVersion") + "/" + object.get("kind");
        JsonElement json = new Gson().toJsonTree(object);
        switch (type) {
            case "apps/v1/DaemonSet" -> {
                V1DaemonSet.validateJsonElement(json);
                V1DaemonSet.fromJson(json.toString());
            }
            case "v1/Service" -> {
                V1Service.validateJsonElement(json);
                V1Service.fromJson(json.toString());
            }
            case "v1/ServiceAccount" -> {
                V1ServiceAccount.validateJsonElement(json);
                V1ServiceAccount.fromJson(json.toString());
            }
            case "monitoring.coreos.com/v1/ServiceMonitor" -> {
                ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
                List<String> unknown = new ArrayList<>();
                unknownFields(mapper.convertValue(object, ServiceMonitor.class), "", unknown);
                if (!unknown.isEmpty()) {
                    throw new IllegalArgumentException("fields not in the ServiceMonitor schema: " + unknown);
                }
            }
            default -> throw new IllegalArgumentException("no schema for " + type);
        }
    }

    /** The paths of the fields fabric8's model put aside as unknown, anywhere in the object graph. */
    private static void unknownFields(Object value, String path, List<String> out) throws Exception {
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object element : c) {
                unknownFields(element, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), out);
            }
            return;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) field).keySet().forEach(k -> out.add(path + "." + k));
            } else {
                unknownFields(field, path + "." + getter.getName().substring(3), out);
            }
        }
    }
}
