package org.repal.core.analysis.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything the report reads from one finished run, checked by {@link RunReader}.
 *
 * @param location      where the run lives (folder or s3://bucket/prefix)
 * @param dataManifest  {@code data/manifest.json} of the generate stage
 * @param taskset       the data set's task set, e.g. "PDM"
 * @param dissimilarity the dissimilarity tasks' folders: per-architecture parts first, then the cross parts, each
 *                      sorted by name
 * @param learning      the learning-dynamics tasks' folders, sorted by name
 * @param attractors    the attractor bench, or null when the run has none
 * @param trials        the first test sample of every generated task, in rule-column order
 * @param activity      trial-averaged activity of the models the trajectory figures show (see
 *                      {@link RunReader#TRAJECTORY_GROUPS})
 * @param tasks         the finished tasks' markers, sorted by task name (the report's own marker left out)
 * @param configJson    the experiment config as compact JSON, or null when the run does not record it
 */
public record RunResults(String location, JsonNode dataManifest, String taskset,
                         List<DissimilarityPart> dissimilarity, List<LearningPart> learning,
                         AttractorResults attractors, List<ExampleTrial> trials, List<ActivityMean> activity,
                         List<TaskRecord> tasks, String configJson) {

    public RunResults {
        dissimilarity = List.copyOf(dissimilarity);
        learning = List.copyOf(learning);
        trials = List.copyOf(trials);
        activity = List.copyOf(activity);
        tasks = List.copyOf(tasks);
    }
}
