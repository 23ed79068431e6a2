/**
 * The statistics behind the {@code report} stage's claims (issue 14): descriptive summaries, percentile bootstrap
 * intervals, Benjamini–Hochberg adjustment, pairwise level tests, simple OLS, permutation tests, order tests and the
 * explicit rules that turn them into a {@link org.repal.core.analysis.stats.Verdict}.
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li>pure functions on plain arrays and records — no I/O, no ND4J; inputs are copied, never modified;</li>
 *   <li>inputs must be finite (a NaN or infinite value throws {@link IllegalArgumentException} naming the input and
 *       the index), so a dropped model never silently turns into a missing value;</li>
 *   <li>the unit is the <em>model</em>: every sample holds one value per model (aggregate a model's pairs before
 *       calling), which avoids the reference's pseudo-replication (spec §10.29);</li>
 *   <li>every result carries its n;</li>
 *   <li>randomness takes an explicit {@code long seed} ({@link java.util.SplittableRandom}): the same seed gives the
 *       same result, bit for bit.</li>
 * </ul>
 */
package org.repal.core.analysis.stats;
