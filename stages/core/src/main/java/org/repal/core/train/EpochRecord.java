package org.repal.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One epoch of one phase, as log.json holds it: {@code loss} = mean training loss of the epoch's batches
 * (cross-entropy + weight term), {@code accuracy} and {@code val_loss} per task on the validation split
 * (decision-step accuracy pooled over all validation sequences; cross-entropy with the run's loss mode).
 */
public record EpochRecord(String phase, int epoch, double loss, Map<String, Double> accuracy,
                          Map<String, Double> validationLoss) {
    public EpochRecord {
        accuracy = Collections.unmodifiableMap(new LinkedHashMap<>(accuracy));
        validationLoss = Collections.unmodifiableMap(new LinkedHashMap<>(validationLoss));
    }

    /** The lowest accuracy across tasks (NaN without tasks). */
    public double minAccuracy() {
        return accuracy.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("phase", phase);
        o.put("epoch", epoch);
        o.put("loss", loss);
        ObjectNode acc = o.putObject("accuracy");
        accuracy.forEach(acc::put);
        ObjectNode vl = o.putObject("val_loss");
        validationLoss.forEach(vl::put);
        return o;
    }

    public static EpochRecord fromJson(JsonNode o) {
        Map<String, Double> acc = new LinkedHashMap<>();
        o.path("accuracy").properties().forEach(e -> acc.put(e.getKey(), e.getValue().asDouble()));
        Map<String, Double> vl = new LinkedHashMap<>();
        o.path("val_loss").properties().forEach(e -> vl.put(e.getKey(), e.getValue().asDouble()));
        return new EpochRecord(o.path("phase").asText(), o.path("epoch").asInt(), o.path("loss").asDouble(), acc, vl);
    }
}
