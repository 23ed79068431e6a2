package org.repal.core.task;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * trials.json: the per-sample records of one task's split. Compact JSON with one sample per line:
 *
 * <pre>
 * {"format":"repal-trials/1","task":"PerceptualDecisionMaking","reference_name":"PerceptualDecisionMakingT",
 *  "split":"train","samples":N,"steps":T,"dt_ms":20,"rule_column":4,"outputs":3,
 *  "periods":["fixation","stimulus","delay","decision"],"validation_fraction":0.2,"validation_count":K,
 *  "records":[
 * {"validation":false,"trials":[{"onset":0,"gt":1,"channel":2,"label":2,"coh":25.6,"bounds":[0,10,210,210,220],"cut":false},…]},
 * …]}
 * </pre>
 *
 * {@code bounds} are the starts of the four periods and the trial's end, in steps from the sample start;
 * {@code coh} is null for GoNogo tasks; {@code cut} marks a training sequence's last trial when the
 * sequence ends before it does.
 */
public final class TrialsJson {
    public static final String FORMAT = "repal-trials/1";
    private static final JsonFactory FACTORY = new JsonFactory();

    private TrialsJson() {
    }

    /** The parsed file; {@code dtMs} is the step length in ms (0 if the file has none). */
    public record TrialsFile(Task task, Split split, int steps, int ruleColumn, double validationFraction,
                             List<SampleRecord> samples, int dtMs) {
    }

    /** Writes the records of the dataset (the stream is flushed, not closed). */
    public static void write(TaskData data, int dtMs, OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeStringField("task", data.task().displayName());
        g.writeStringField("reference_name", data.task().referenceName());
        g.writeStringField("split", data.split().jsonName());
        g.writeNumberField("samples", data.samples());
        g.writeNumberField("steps", data.steps());
        g.writeNumberField("dt_ms", dtMs);
        g.writeNumberField("rule_column", data.ruleColumn());
        g.writeNumberField("outputs", data.taskSet().outputs());
        g.writeArrayFieldStart("periods");
        for (Period p : Period.values()) {
            g.writeString(p.jsonName());
        }
        g.writeEndArray();
        g.writeNumberField("validation_fraction", data.validationFraction());
        g.writeNumberField("validation_count", data.validationCount());
        g.writeArrayFieldStart("records");
        for (int i = 0; i < data.samples(); i++) {
            g.writeRaw('\n');
            writeSample(g, data.isValidation(i), data.rawTrials(i), data.steps());
        }
        g.writeRaw('\n');
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
    }

    private static void writeSample(JsonGenerator g, boolean validation, TrialRecord[] trials, int steps)
            throws IOException {
        g.writeStartObject();
        g.writeBooleanField("validation", validation);
        g.writeArrayFieldStart("trials");
        for (TrialRecord r : trials) {
            Trial t = r.trial();
            g.writeStartObject();
            g.writeNumberField("onset", r.onset());
            g.writeNumberField("gt", t.gt());
            g.writeNumberField("channel", t.channel());
            g.writeNumberField("label", t.label());
            if (Double.isNaN(t.coherence())) {
                g.writeNullField("coh");
            } else {
                g.writeNumberField("coh", t.coherence());
            }
            int[] b = r.bounds();
            g.writeFieldName("bounds");
            g.writeArray(b, 0, b.length);
            g.writeBooleanField("cut", r.isCut(steps));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Reads a trials.json written by {@link #write}. */
    public static TrialsFile read(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("not a " + FORMAT + " file");
        }
        List<SampleRecord> samples = new ArrayList<>();
        for (JsonNode s : root.path("records")) {
            List<TrialRecord> trials = new ArrayList<>();
            for (JsonNode t : s.path("trials")) {
                JsonNode b = t.path("bounds");
                JsonNode coh = t.path("coh");
                Trial trial = new Trial(t.path("gt").asInt(), t.path("channel").asInt(), t.path("label").asInt(),
                        coh.isNumber() ? coh.asDouble() : Double.NaN,
                        b.get(1).asInt() - b.get(0).asInt(), b.get(2).asInt() - b.get(1).asInt(),
                        b.get(3).asInt() - b.get(2).asInt(), b.get(4).asInt() - b.get(3).asInt());
                trials.add(new TrialRecord(t.path("onset").asInt(), trial));
            }
            samples.add(new SampleRecord(s.path("validation").asBoolean(), trials));
        }
        return new TrialsFile(Task.parse(root.path("task").asText()), Split.parse(root.path("split").asText()),
                root.path("steps").asInt(), root.path("rule_column").asInt(),
                root.path("validation_fraction").asDouble(), samples, root.path("dt_ms").asInt(0));
    }
}
