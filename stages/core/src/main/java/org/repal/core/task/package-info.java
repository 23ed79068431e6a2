/**
 * The PDM and GoNogo task sets of the reference (spec §2): timing tables and coding as configuration
 * ({@link org.repal.core.task.TaskSetConfig}), neurogym-style trials ({@link org.repal.core.task.TrialSampler}),
 * and seeded datasets of training sequences and test trials ({@link org.repal.core.task.DatasetGenerator}).
 */
package org.repal.core.task;
