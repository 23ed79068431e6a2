package org.repal.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.repal.core.activity.ModelFolder;
import org.repal.core.model.mamba.MambaConfig;
import org.repal.core.store.ArtifactStore;
import org.repal.core.task.TaskSet;
import org.repal.core.train.CurriculumRun;

/**
 * The model configs of a models location ({@code <group>/<model-name>/} as train-rnn and train-mamba write them),
 * by architecture and name, with the analysis groups in which each config's run finished (final.npz). Folders of
 * groups outside {@link AnalysisGroups#ORDER} are ignored; runs without final.npz are listed as unfinished and
 * count as absent.
 */
public final class ModelIndex {
    private static final Pattern RUN = Pattern.compile("([^/]+)/([^/]+)/" + Pattern.quote(CurriculumRun.RUN));

    /** One config: its architecture ({@code rnn}/{@code mamba}) and its finished runs by group. */
    public record Config(String arch, String name, Map<String, ModelFolder> groups) {
        /** The run of {@code group}, or null when absent. */
        public ModelFolder group(String group) {
            return groups.get(group);
        }
    }

    private final TaskSet taskSet;
    private final Map<String, Config> configs;
    private final List<String> unfinished;

    private ModelIndex(TaskSet taskSet, Map<String, Config> configs, List<String> unfinished) {
        this.taskSet = taskSet;
        this.configs = configs;
        this.unfinished = unfinished;
    }

    /**
     * Scans the store.
     *
     * @throws IllegalArgumentException when it holds no model folder of an analysis group, a run.json is unreadable,
     *                                  the task sets differ, or one name is used by two architectures
     */
    public static ModelIndex scan(ArtifactStore models) {
        Map<String, Map<String, ModelFolder>> byConfig = new TreeMap<>();
        Map<String, String> arch = new TreeMap<>();
        List<String> unfinished = new ArrayList<>();
        TaskSet set = null;
        for (String key : models.list("")) {
            Matcher m = RUN.matcher(key);
            if (!m.matches() || !AnalysisGroups.ORDER.contains(m.group(1))) {
                continue;
            }
            ModelFolder f = ModelFolder.open(models, m.group(1), m.group(2));
            if (set != null && f.taskSet() != set) {
                throw new IllegalArgumentException(models.location() + "/" + key + ": task set " + f.taskSet()
                        + ", other models are of " + set);
            }
            set = f.taskSet();
            String a = f.config() instanceof MambaConfig ? "mamba" : "rnn";
            String previous = arch.putIfAbsent(m.group(2), a);
            if (previous != null && !previous.equals(a)) {
                throw new IllegalArgumentException(models.location() + "/" + key + ": model name " + m.group(2)
                        + " is both an rnn and a mamba config");
            }
            Map<String, ModelFolder> groups = byConfig.computeIfAbsent(m.group(2), k -> new TreeMap<>());
            if (f.isFinished()) {
                groups.put(m.group(1), f);
            } else {
                unfinished.add(f.name());
            }
        }
        if (set == null) {
            throw new IllegalArgumentException(models.location() + ": no model folders <group>/<model-name>/run.json"
                    + " of the analysis groups (train models with repal train-rnn / train-mamba)");
        }
        Map<String, Config> configs = new TreeMap<>();
        byConfig.forEach((name, groups) -> configs.put(name, new Config(arch.get(name), name,
                Collections.unmodifiableMap(groups))));
        return new ModelIndex(set, configs, List.copyOf(unfinished));
    }

    public TaskSet taskSet() {
        return taskSet;
    }

    /** Every config by name (sorted). */
    public Map<String, Config> configs() {
        return Collections.unmodifiableMap(configs);
    }

    /** {@code <group>/<model-name>} of runs without final.npz, sorted. */
    public List<String> unfinished() {
        return unfinished;
    }

    /**
     * The named config.
     *
     * @throws IllegalArgumentException naming the config and the location when it is unknown
     */
    public Config config(String name, String location) {
        Config c = configs.get(name);
        if (c == null) {
            throw new IllegalArgumentException(location + ": no model config '" + name + "' in any analysis group"
                    + " (known: " + String.join(", ", configs.keySet()) + ")");
        }
        return c;
    }
}
