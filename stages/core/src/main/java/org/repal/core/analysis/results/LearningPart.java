package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One finished {@code learning-dynamics} task's folder, {@code learning-dynamics/<name>/}: its over-learning rows. */
public record LearningPart(String name, List<OverLearningRow> overLearning, JsonNode summary, JsonNode manifest) {
}
