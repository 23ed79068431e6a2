/**
 * Figures and the self-contained HTML page of the {@code report} stage.
 *
 * <p>Chart builders ({@link org.repal.core.report.HeatmapChart}, {@link org.repal.core.report.BoxplotChart},
 * {@link org.repal.core.report.IntervalChart}, {@link org.repal.core.report.ScatterFitChart},
 * {@link org.repal.core.report.EmbeddingChart}, {@link org.repal.core.report.TrialChart},
 * {@link org.repal.core.report.TrajectoryChart}) take plain data and
 * return a {@link org.repal.core.report.Figure}: the same drawing as PNG bytes and SVG text, rendered headless with
 * JFreeChart and JFreeSVG at a fixed size with the JDK's logical "SansSerif" font, so equal data give equal bytes.
 * {@link org.repal.core.report.FigureWriter} and {@link org.repal.core.report.CsvTable} write files atomically;
 * {@link org.repal.core.report.HtmlReport} assembles one HTML file that opens offline (PNG images inlined as data
 * URIs, inline CSS, no scripts, no external URLs). {@link org.repal.core.report.ClassicalMds} embeds a dissimilarity
 * matrix in 2-D for {@link org.repal.core.report.EmbeddingChart}. No class here reads files.
 */
package org.repal.core.report;
