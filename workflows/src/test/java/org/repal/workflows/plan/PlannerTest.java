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
        List<PlanTask> train = p.tasks().stream().filter(t -> t.stage().equals("train-rnn")).toList();
        assertEquals(p.tasks().size() - 2, train.size());
        PlanTask bench = p.byName().get("attractors");
        assertEquals(List.of(), bench.dependsOn(), "the attractor bench needs no other task");
        assertEquals(List.of("attractors", "--profile", "paper"), bench.args().subList(0, 3));
        assertEquals(0, train.size() % 11, "the same fan-out in every group");
        Set<String> finals = new HashSet<>();
        for (PlanTask t : train) {
            assertEquals(List.of("generate"), t.dependsOn());
            assertEquals(List.of("data/manifest.json"), t.inputs());
            assertTrue(t.args().contains("--chunk"), t.name());
            t.outputs().stream().filter(o -> o.endsWith("/final.npz")).forEach(o -> assertTrue(finals.add(o), o));
        }
        assertEquals(64 * 11, finals.size());
        assertTrue(finals.contains("models/pretrain_anti_delay_frozen/leaky_gru_tanh_256_0.001_128_kaiming/final.npz"));
    }

    @Test
    void chunkOutputsFollowTheStagesOrder() {
        PlanTask t = Planner.plan(ConfigLoader.profile("quick")).byName().get("train-rnn-master-1");
        assertEquals(List.of("models/master/leaky_rnn_relu_64_0.001_32_kaiming/final.npz",
                "models/master/leaky_rnn_relu_64_0.001_32_kaiming/log.json"), t.outputs());
        int i = t.args().indexOf("--chunk");
        assertEquals("1/2", t.args().get(i + 1));
        assertEquals(List.of("train-rnn", "--data", "/x/data"), t.argsFor("/x/").subList(0, 3));
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
