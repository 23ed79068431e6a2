/**
 * Analyses of trained networks built on recorded activity: the analysis group order, each group's accuracy, the
 * activity cache of a stage, and the pairwise DSA / Procrustes / CKA comparisons behind the group matrices
 * (spec §6.4, §6.5), the options and setup the analysis stages share, and the learning analyses: checkpoint series
 * aligned at equal fractions of training (§6.7) and quartile-bin matrices within a run (§6.8).
 */
package org.repal.core.analysis;
