/**
 * Activity for the analyses (spec §5): the fixed analysis trials ({@link org.repal.core.activity.AnalysisTrials}),
 * the window ({@link org.repal.core.activity.ActivityWindow}), model folders and their snapshots
 * ({@link org.repal.core.activity.ModelFolder}, {@link org.repal.core.activity.Snapshot}), recording
 * (trials, time, units) float64 arrays ({@link org.repal.core.activity.ActivityRecorder}), their artifacts
 * ({@link org.repal.core.activity.ActivityArtifacts}) and the common PCA of a compared pair
 * ({@link org.repal.core.activity.CommonPca}).
 */
package org.repal.core.activity;
