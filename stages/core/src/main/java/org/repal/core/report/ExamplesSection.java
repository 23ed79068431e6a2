package org.repal.core.report;

import java.util.ArrayList;
import java.util.List;
import org.repal.core.analysis.findings.Num;
import org.repal.core.analysis.findings.PaperClaims;
import org.repal.core.analysis.findings.TrajectoryProjection;
import org.repal.core.analysis.results.ActivityMean;
import org.repal.core.analysis.results.ExampleTrial;
import org.repal.core.analysis.results.RunResults;

/**
 * "Tasks and trajectories": one example trial per task (inputs and target of the first test sample) and, per
 * architecture, the trial-averaged trajectories of master, untrained and a pretrained network of one config in a
 * common 3-D PCA space.
 */
final class ExamplesSection {

    private ExamplesSection() {
    }

    static void add(ReportBundle b, RunResults run) {
        HtmlReport h = b.html();
        h.section("Tasks and trajectories", "examples");
        for (ExampleTrial t : run.trials()) {
            b.figure(TrialChart.render("trial-" + t.task(), t.task() + ": test sample 0",
                    "Inputs (fixation, the two stimulus channels, the rule inputs) and the target class per step of "
                            + "the first sample of data/" + t.task() + "/test.", t.dtMs(), t.inputs(), t.target(),
                    t.ruleNames()));
        }
        if (run.trials().isEmpty()) {
            h.paragraph("The data set lists no tasks.");
        }
        for (String arch : List.of("rnn", "mamba")) {
            List<ActivityMean> models = run.activity().stream().filter(a -> a.arch().equals(arch)).toList();
            String name = PaperClaims.archName(arch);
            if (models.isEmpty()) {
                h.paragraph(name + ": no config with recorded activity of master, untrained and a pretrained network, "
                        + "so no trajectory figure.");
                continue;
            }
            TrajectoryProjection.Result p = TrajectoryProjection.project(models);
            List<TrajectoryChart.Trajectory> lines = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                lines.add(new TrajectoryChart.Trajectory(models.get(i).group(), p.points().get(i)));
            }
            ActivityMean first = models.get(0);
            b.figure(TrajectoryChart.render("trajectories-" + arch, name + " " + first.config()
                            + ": master vs untrained vs pretrained", "Trial-averaged activity over the analysis window "
                            + "(" + first.mean().length + " steps, " + first.trials() + " trials; from "
                            + String.join(", ", models.stream().map(ActivityMean::key).toList()) + ") projected on "
                            + "the 3 principal components of the three networks together (explained variance "
                            + Num.fixed(p.explained()[0], 2) + ", " + Num.fixed(p.explained()[1], 2) + ", "
                            + Num.fixed(p.explained()[2], 2) + "). ▲ start, × end.",
                    lines));
        }
    }
}
