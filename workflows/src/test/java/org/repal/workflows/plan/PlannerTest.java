package org.repal.workflows.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.repal.workflows.config.ConfigLoader;
import org.repal.workflows.config.ExperimentConfig;

class PlannerTest {
    @Test
    void paperPlanFitsTheTaskLimitAndCoversEveryRunOnce() {
        ExperimentConfig c = ConfigLoader.profile("paper");
        Plan p = Planner.plan(c);
        assertTrue(p.tasks().size() <= Plan.MAX_TASKS, "tasks: " + p.tasks().size());
        assertEquals("generate", p.tasks().get(0).name());
        List<PlanTask> rnn = p.tasks().stream().filter(t -> t.stage().equals("train-rnn")).toList();
        List<PlanTask> mamba = p.tasks().stream().filter(t -> t.stage().equals("train-mamba")).toList();
        List<PlanTask> analysis = p.tasks().stream().filter(t -> t.stage().equals("dissimilarity")).toList();
        List<PlanTask> learning = p.tasks().stream().filter(t -> t.stage().equals("learning-dynamics")).toList();
        assertEquals(p.tasks().size() - 3, rnn.size() + mamba.size() + analysis.size() + learning.size());
        PlanTask report = p.tasks().get(p.tasks().size() - 1);
        assertEquals("report", report.name(), "the report comes last");
        assertEquals(p.tasks().subList(0, p.tasks().size() - 1).stream().map(PlanTask::name).toList(),
                report.dependsOn(), "the report waits for every other task");
        assertEquals(List.of("report/index.html"), report.outputs());
        assertEquals(List.of("report", "--run", "${store}", "--seed", "0", "--min-models", "3", "--alpha", "0.05",
                "--config-json"), report.args().subList(0, 10));
        assertTrue(report.inputs().contains("data/manifest.json") && report.inputs().contains("attractors/summary.json")
                && report.inputs().contains("dissimilarity/cross-7/dissimilarity.csv")
                && report.inputs().contains("learning-dynamics/mamba-15/over_learning.csv"), report.inputs().toString());
        assertTrue(report.inputs().stream().noneMatch(i -> i.startsWith("models/")), "models only through the analyses");
        assertEquals(16 + 16, learning.size(), "64 configs, 4 a task, per architecture");
        PlanTask lr = p.byName().get("learning-dynamics-rnn-15");
        assertEquals(rnn.stream().map(PlanTask::name).toList(), lr.dependsOn());
        assertEquals(List.of("learning-dynamics/rnn-15/over_learning.csv", "learning-dynamics/rnn-15/within_learning.csv",
                "learning-dynamics/rnn-15/summary.json", "learning-dynamics/rnn-15/manifest.json"), lr.outputs());
        assertEquals(List.of("learning-dynamics", "--data", "${store}/data", "--models", "${store}/models", "--configs"),
                lr.args().subList(0, 6));
        // 64 configs, 4 a task, per architecture; one cross task per RNN config of the 8 of spec 6.5.
        assertEquals(16 + 16 + 8, analysis.size());
        PlanTask cross = p.byName().get("dissimilarity-cross-0");
        int at = cross.args().indexOf("--configs");
        assertEquals(1 + 16, cross.args().get(at + 1).split(",").length, "one RNN config against 16 Mamba configs");
        assertTrue(cross.args().get(at + 1).startsWith("leaky_rnn_relu_128_0.01_64_kaiming,mamba_8_1_"));
        assertTrue(cross.args().contains("--rnn-vs-mamba"));
        assertTrue(cross.dependsOn().containsAll(rnn.stream().map(PlanTask::name).toList()));
        assertTrue(cross.dependsOn().containsAll(mamba.stream().map(PlanTask::name).toList()));
        PlanTask chunk = p.byName().get("dissimilarity-mamba-3");
        assertEquals(mamba.stream().map(PlanTask::name).toList(), chunk.dependsOn());
        assertEquals(1 + 11 * 4 * 2, chunk.inputs().size(), "the manifest and each config's final.npz and log.json in every group");
        assertTrue(chunk.inputs().stream().allMatch(i -> p.tasks().stream().anyMatch(t -> t.outputs().contains(i))
                || i.equals("data/manifest.json")), "every input is another task's output");
        assertEquals(List.of("dissimilarity/mamba-3/dissimilarity.csv", "dissimilarity/mamba-3/summary.json",
                "dissimilarity/mamba-3/manifest.json"), chunk.outputs());
        PlanTask bench = p.byName().get("attractors");
        assertEquals(List.of(), bench.dependsOn(), "the attractor bench needs no other task");
        assertEquals(List.of("attractors", "--profile", "paper"), bench.args().subList(0, 3));
        Set<String> rnnFinals = finals(rnn);
        assertEquals(64 * 11, rnnFinals.size());
        assertTrue(rnnFinals.contains("models/pretrain_anti_delay_frozen/leaky_gru_tanh_256_0.001_128_kaiming/final.npz"));
        Set<String> mambaFinals = finals(mamba);
        assertEquals(64 * 11, mambaFinals.size(), "the reference's Mamba grid in every group");
        assertTrue(mambaFinals.contains("models/master_frozen/mamba_8_2_0.0005_16/final.npz"), mambaFinals.toString());
        assertTrue(mamba.get(0).args().containsAll(List.of("--d-model", "8,16", "--n-layers", "1,2")));
    }

    /** Every task of one stage: its dependencies and chunk; each final model listed by exactly one task. */
    private static Set<String> finals(List<PlanTask> tasks) {
        assertEquals(0, tasks.size() % 10, "the same fan-out in every family (pretrain_frozen and _unfrozen share one)");
        Set<String> finals = new HashSet<>();
        for (PlanTask t : tasks) {
            assertEquals(List.of("generate"), t.dependsOn());
            assertEquals(List.of("data/manifest.json"), t.inputs());
            assertTrue(t.args().contains("--chunk"), t.name());
            t.outputs().stream().filter(o -> o.endsWith("/final.npz")).forEach(o -> assertTrue(finals.add(o), o));
        }
        return finals;
    }

    @Test
    void quickPlanTrainsOneMambaPerFamilyAndSharesPretraining() {
        Plan p = Planner.plan(ConfigLoader.profile("quick"));
        PlanTask t = p.byName().get("train-mamba-pretrain-frozen-pretrain-unfrozen");
        assertEquals(List.of("models/pretrain_frozen/mamba_8_1_0.01_32/final.npz",
                "models/pretrain_frozen/mamba_8_1_0.01_32/log.json",
                "models/pretrain_unfrozen/mamba_8_1_0.01_32/final.npz",
                "models/pretrain_unfrozen/mamba_8_1_0.01_32/log.json"), t.outputs());
        assertEquals(List.of("train-mamba", "--data", "/x/data"), t.argsFor("/x/").subList(0, 3));
        assertTrue(t.args().containsAll(List.of("--group", "pretrain_frozen,pretrain_unfrozen")));
        assertTrue(!t.args().contains("--chunk"), "one config: no chunks");
        int e = t.args().indexOf("--epochs");
        assertEquals("3", t.args().get(e + 1), "mamba_epochs");
        PlanTask rnn = p.byName().get("train-rnn-master");
        assertEquals("12", rnn.args().get(rnn.args().indexOf("--epochs") + 1));
        assertEquals("0.8", rnn.args().get(rnn.args().indexOf("--target-accuracy") + 1));
        assertEquals(2 * 9 + 1 + 1 + 3 + 2 + 1, p.tasks().size(), "9 families x 2 architectures, generate, attractors, "
                + "dissimilarity rnn/mamba/cross, learning-dynamics rnn/mamba and the report");
        assertEquals("report", p.tasks().get(p.tasks().size() - 1).name());
        assertTrue(p.byName().get("attractors").args().contains("--no-sweep"));
    }

    @Test
    void chunksTrainTheSameConfigsInEveryGroupOfAFamily() {
        ExperimentConfig paper = ConfigLoader.profile("paper");
        PlanTask t = Planner.plan(paper).byName().values().stream()
                .filter(x -> x.name().startsWith("train-rnn-pretrain-frozen-pretrain-unfrozen-")).findFirst()
                .orElseThrow();
        int i = t.args().indexOf("--chunk");
        String[] kn = t.args().get(i + 1).split("/");
        int k = Integer.parseInt(kn[0]);
        int n = Integer.parseInt(kn[1]);
        List<String> names = Planner.modelNames(paper.rnn());
        List<String> expected = new java.util.ArrayList<>();
        for (String group : List.of("pretrain_frozen", "pretrain_unfrozen")) {
            for (int c = k; c < names.size(); c += n) {
                expected.add("models/" + group + "/" + names.get(c) + "/final.npz");
            }
        }
        assertEquals(expected, t.outputs().stream().filter(o -> o.endsWith("final.npz")).toList());
    }

    @Test
    void planIsDeterministic() {
        for (String profile : ConfigLoader.PROFILES) {
            String a = Planner.plan(ConfigLoader.profile(profile)).toJson();
            String b = Planner.plan(ConfigLoader.profile(profile)).toJson();
            assertEquals(a, b);
            assertTrue(a.contains("\"tasks\""));
        }
    }
}
