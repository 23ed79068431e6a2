/**
 * What a finished run shows about the paper's claims: the tables behind the report, computed from
 * {@link org.repal.core.analysis.results.RunResults} with {@link org.repal.core.analysis.stats}.
 *
 * <p>Choices made here, each stated in the report:
 * <ul>
 *   <li>the unit is a trained network (a model: one config in one group); a model contributes one value per
 *       statistic (its dissimilarity to its config's master, its own slope, …), never both orders of a pair and
 *       never a self-pair (spec §10.29);</li>
 *   <li>the five analysis levels are untrained, master_frozen, partial (the five partial-pretraining groups), full
 *       frozen (pretrain_frozen) and full unfrozen (pretrain_unfrozen), as the reference's notebooks group them;</li>
 *   <li>nothing is dropped silently: models without a value (an absent group, a constant predictor) are counted
 *       and listed with the reason;</li>
 *   <li>randomness (bootstrap, permutations) is seeded from the run's seed and the statistic's name
 *       ({@link org.repal.core.analysis.findings.Seeds}), so a rebuild gives the same numbers.</li>
 * </ul>
 */
package org.repal.core.analysis.findings;
