/**
 * Analyses of trained networks built on recorded activity: the analysis group order, each group's accuracy, the
 * activity cache of a stage, and the pairwise DSA / Procrustes / CKA comparisons behind the group matrices
 * (spec §6.4, §6.5).
 */
package org.repal.core.analysis;
