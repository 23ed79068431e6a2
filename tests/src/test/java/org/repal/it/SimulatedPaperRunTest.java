package org.repal.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;
import org.repal.workflows.plan.Plan;
import org.repal.workflows.plan.PlanTask;
import org.repal.workflows.plan.Planner;

/**
 * The paper profile end to end with stub compute ({@code repal run --profile paper --simulate}): all 495 tasks of
 * the rendered Workflow run through the local runner, every output the plan names (and so every input a downstream
 * task expects) exists under its real name, the counts per stage are the plan's (one model folder per config and
 * group, one analysis folder per task), the report reads the simulated outputs and says so, and a second run skips
 * everything.
 */
class SimulatedPaperRunTest {
    @TempDir
    Path tmp;

    @Test
    void paperScaleFanOutNamingAndCachingHold() throws Exception {
        CliRunner cli = new CliRunner(CliRunner.jarFromSystemProperty(), tmp, Duration.ofMinutes(15));
        ObjectMapper json = new ObjectMapper();
        CliRunner.Result first = cli.run("run", "--profile", "paper", "--simulate", "--out", "out");
        assertEquals(0, first.exitCode(), first.describe());
        JsonNode summary = json.readTree(first.stdout().lines().findFirst().orElseThrow());
        ExperimentConfig config = ConfigLoader.profile("paper");
        Plan plan = Planner.plan(config);
        assertEquals(plan.tasks().size(), summary.path("tasks").asInt(), first.stdout());
        assertEquals(plan.tasks().size(), summary.path("ran").asInt(), first.stdout());
        assertTrue(summary.path("simulated").asBoolean(), first.stdout());
        Path out = tmp.resolve("out");

        // Every planned output (which includes every input a later task reads) exists; one marker per task.
        List<String> missing = new ArrayList<>();
        for (PlanTask t : plan.tasks()) {
            for (String key : t.outputs()) {
                if (!Files.isRegularFile(out.resolve(key))) {
                    missing.add(t.name() + ": " + key);
                }
            }
            for (String key : t.inputs()) {
                if (!Files.isRegularFile(out.resolve(key))) {
                    missing.add(t.name() + " input " + key);
                }
            }
            if (!Files.isRegularFile(out.resolve(".repal/tasks/" + t.name() + ".json"))) {
                missing.add(t.name() + ": marker");
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " missing, e.g. " + missing.subList(0, Math.min(5, missing.size())));

        // Counts per stage match the plan and the config: a model folder per (group, config), a folder per analysis task.
        int groups = config.groups().size();
        int rnn = config.rnn().size();
        int mamba = config.mamba().size();
        assertEquals(groups * (rnn + mamba), count(out.resolve("models"), "final.npz"));
        assertEquals(groups * (rnn + mamba), count(out.resolve("models"), "log.json"));
        Map<String, Integer> perStage = new TreeMap<>();
        plan.tasks().forEach(t -> perStage.merge(t.stage(), 1, Integer::sum));
        assertEquals(perStage.get("dissimilarity"), count(out.resolve("dissimilarity"), "manifest.json"));
        assertEquals(perStage.get("learning-dynamics"), count(out.resolve("learning-dynamics"), "manifest.json"));
        // every config's group matrices, and the RNN-vs-Mamba matrices of the sub-grids (8 x 16)
        assertEquals(rnn + mamba, count(out.resolve("dissimilarity"), p -> !p.toString().contains("rnn_vs_mamba")
                && p.endsWith("dsa.npy")));
        assertEquals(8 * 16, count(out.resolve("dissimilarity"), p -> p.toString().contains("rnn_vs_mamba")
                && p.endsWith("dsa.npy")));

        // repal plan counts the same tasks per stage and pods within the limit
        CliRunner.Result planned = cli.run("plan", "--profile", "paper", "--json");
        assertEquals(0, planned.exitCode(), planned.describe());
        JsonNode p = json.readTree(planned.stdout());
        for (JsonNode s : p.path("stages")) {
            assertEquals(perStage.get(s.path("stage").asText()), s.path("tasks").asInt(), s.toString());
        }
        for (JsonNode w : p.path("workflows")) {
            assertTrue(w.path("pods").asInt() <= Plan.MAX_TASKS, w.toString());
        }

        String page = Files.readString(out.resolve("report/index.html"));
        assertTrue(page.contains("(SIMULATED)") && page.contains("SIMULATED RUN"), "the report says it is simulated");

        CliRunner.Result second = cli.run("run", "--profile", "paper", "--simulate", "--out", "out");
        assertEquals(0, second.exitCode(), second.describe());
        JsonNode again = json.readTree(second.stdout().lines().findFirst().orElseThrow());
        assertEquals(0, again.path("ran").asInt(), second.stdout());
        assertEquals(plan.tasks().size(), again.path("skipped").asInt(), second.stdout());
    }

    private static int count(Path root, String fileName) throws Exception {
        return count(root, p -> p.getFileName().toString().equals(fileName));
    }

    private static int count(Path root, java.util.function.Predicate<Path> which) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return (int) s.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".repal-meta"))
                    .filter(which).count();
        }
    }
}
