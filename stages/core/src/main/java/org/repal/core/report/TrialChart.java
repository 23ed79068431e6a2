package org.repal.core.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One example trial of a task as stacked panels sharing the time axis, one panel per channel, like the
 * reference's {@code plot_env}: fixation input, the stimulus channels, the rule inputs and the target. Inputs
 * are drawn as lines, channels marked as steps (the target, integer class ids) as step lines.
 */
public final class TrialChart {

    static {
        Headless.ensure();
    }

    /**
     * One panel.
     *
     * @param label  panel label, written beside it (e.g. "fixation", "stimulus 1", "rule: AntiDelay", "target")
     * @param values one value per time step
     * @param steps  draw as a step line (for discrete values such as the target class)
     */
    public record Channel(String label, double[] values, boolean steps) {
        public Channel {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(values, "values");
        }
    }

    private TrialChart() {
    }

    /**
     * A trial in the data set's layout: {@code inputs[t]} = [fixation, stimulus 1, stimulus 2, rule inputs…] and
     * the target class per step. Rule panels are named "rule: &lt;ruleNames[i]&gt;" when one name per rule column is
     * given, else "rule 1", "rule 2", ….
     *
     * @param dtMs      length of one step in ms (20 in the reference)
     * @param inputs    [T][F] inputs, F ≥ 3
     * @param target    [T] target class ids (0 = fixate)
     * @param ruleNames names of the rule columns 3…F−1 (may be empty)
     */
    public static Figure render(String name, String title, String caption, double dtMs, double[][] inputs,
                                double[] target, List<String> ruleNames) {
        int steps = inputs.length;
        if (steps == 0 || target.length != steps) {
            throw new IllegalArgumentException("trial needs T > 0 input rows and T targets, got " + steps + " and "
                    + target.length);
        }
        int features = inputs[0].length;
        if (features < 3) {
            throw new IllegalArgumentException("trial inputs need fixation and two stimulus columns, got " + features);
        }
        List<Channel> channels = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            double[] v = new double[steps];
            for (int t = 0; t < steps; t++) {
                if (inputs[t].length != features) {
                    throw new IllegalArgumentException("trial inputs must be rectangular");
                }
                v[t] = inputs[t][f];
            }
            String label;
            if (f == 0) {
                label = "fixation";
            } else if (f < 3) {
                label = "stimulus " + f;
            } else if (ruleNames != null && ruleNames.size() == features - 3) {
                label = "rule: " + ruleNames.get(f - 3);
            } else {
                label = "rule " + (f - 2);
            }
            channels.add(new Channel(label, v, f >= 3));
        }
        channels.add(new Channel("target", target.clone(), true));
        return render(name, title, caption, dtMs, channels);
    }

    /** Any channels, top to bottom, over time t·dtMs. */
    public static Figure render(String name, String title, String caption, double dtMs, List<Channel> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("trial chart needs at least one channel");
        }
        NumberAxis time = ChartStyle.numberAxis("time (ms)");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(6);
        int k = 0;
        for (Channel c : channels) {
            XYSeries series = new XYSeries(c.label(), false, true);
            double lo = 0;
            double hi = 1;
            for (int t = 0; t < c.values().length; t++) {
                double v = c.values()[t];
                if (Double.isFinite(v)) {
                    series.add(t * dtMs, v);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            XYLineAndShapeRenderer renderer = c.steps() ? new XYStepRenderer() : new XYLineAndShapeRenderer(true, false);
            renderer.setSeriesPaint(0, c.label().equals("target") ? Color.BLACK : Palette.colour(k));
            renderer.setSeriesStroke(0, ChartStyle.LINE);
            renderer.setSeriesShapesVisible(0, false);
            NumberAxis axis = ChartStyle.numberAxis(c.label());
            axis.setLabelAngle(Math.PI / 2); // horizontal, left of the panel
            double pad = (hi - lo) * 0.1;
            axis.setRange(lo - pad, hi + pad);
            axis.setTickLabelFont(ChartStyle.TICK);
            XYPlot sub = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
            ChartStyle.style(sub);
            sub.setDomainGridlinesVisible(true);
            plot.add(sub, 1);
            k++;
        }
        ChartStyle.style(plot);
        JFreeChart chart = ChartStyle.chart(null, plot);
        int height = 110 + 78 * channels.size();
        return FigureRenderer.render(name, title, caption, new ChartGrid(title, List.of(chart), 1, null), 900,
                height);
    }
}
