package org.repal.stages.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repal.core.store.ArtifactStoreException;
import org.repal.core.task.Task;
import org.repal.core.task.TaskSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code repal generate} (stage 1): seeded trial datasets of a task set, written as
 * {@code LOCATION/<Task>/{train,test}/{inputs.npy,targets.npy,masks.npy,trials.json}} plus
 * {@code LOCATION/manifest.json}, published last. Prints one JSON summary line on stdout.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates the trial datasets of the PDM or GoNogo task set (training sequences and test trials).",
                "Writes LOCATION/<Task>/{train,test}/{inputs.npy,targets.npy,masks.npy,trials.json} and "
                        + "LOCATION/manifest.json; prints one JSON line."})
public final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--taskset", required = true, paramLabel = "PDM|GoNogo", description = "Task set.")
    String taskSet;

    @Option(names = "--tasks", split = ",", paramLabel = "TASK",
            description = "Only these tasks of the set (names with or without the trailing T); default: all four.")
    List<String> tasks;

    @Option(names = "--train-size", required = true, paramLabel = "N", description = "Training sequences per task.")
    int trainSize;

    @Option(names = "--test-size", required = true, paramLabel = "N", description = "Test trials per task.")
    int testSize;

    @Option(names = "--seq-len", defaultValue = "400", paramLabel = "STEPS",
            description = "Training sequence length in steps (default 400).")
    int seqLen;

    @Option(names = "--seed", defaultValue = "0", description = "Root seed (default 0).")
    long seed;

    @Option(names = "--val-fraction", defaultValue = "0.2", paramLabel = "F",
            description = "Share of each split's samples flagged as validation in trials.json (default 0.2).")
    double valFraction;

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "JSON overrides of the task configuration (dt_ms, coherences, noise_sigma, timing tables).")
    Path config;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads (default: all cores).")
    Integer threads;

    @Option(names = "--out", required = true, paramLabel = "LOCATION",
            description = "Output folder or s3://bucket/prefix (S3 settings from REPAL_S3_* variables).")
    String out;

    @Option(names = "--no-progress", description = "Do not report progress on stderr.")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public GenerateCommand() {
        this(System.getenv());
    }

    /** With an explicit environment for the S3 settings (tests). */
    public GenerateCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        GenerateRequest request = request();
        long t0 = System.nanoTime();
        try (OutputLocation location = OutputLocation.open(out, env)) {
            ObjectNode manifest;
            try {
                manifest = GenerateRun.run(request, location.publisher(), noProgress ? Progress.off()
                        : Progress.to(spec.commandLine().getErr()));
            } catch (ArtifactStoreException e) {
                throw new IOException("--out " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println(JSON.writeValueAsString(summary(location.describe(), manifest,
                    (System.nanoTime() - t0) / 1e9)));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    /** Checks every option before anything is created. */
    GenerateRequest request() {
        TaskSet set;
        try {
            set = TaskSet.parse(taskSet);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--taskset: " + e.getMessage(), e);
        }
        List<Task> selected = GenerateRequest.parseTasks(set, tasks);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        return new GenerateRequest(set, selected, trainSize, testSize, seqLen, seed, valFraction,
                ConfigFile.read(config), workers);
    }

    private static ObjectNode summary(String location, ObjectNode manifest, double seconds) {
        ObjectNode s = JSON.createObjectNode();
        s.put("out", location);
        s.put("manifest", location + "/" + DatasetPublisher.MANIFEST);
        s.set("taskset", manifest.get("taskset"));
        var names = s.putArray("tasks");
        for (JsonNode t : manifest.get("tasks")) {
            names.add(t.get("name").asText());
        }
        s.set("train_size", manifest.get("train_size"));
        s.set("test_size", manifest.get("test_size"));
        s.set("seq_len", manifest.get("seq_len"));
        s.set("seed", manifest.get("seed"));
        long bytes = 0;
        for (JsonNode f : manifest.get("files")) {
            bytes += f.get("size").asLong();
        }
        s.put("files", manifest.get("files").size());
        s.put("bytes", bytes);
        s.put("seconds", Math.round(seconds * 1000) / 1000.0);
        return s;
    }
}
