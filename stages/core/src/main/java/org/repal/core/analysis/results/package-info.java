/**
 * A finished run's artifacts as the {@code report} stage reads them, through an
 * {@link org.repal.core.store.ArtifactStore} (a local folder or S3): the tidy tables of the analysis stages, their
 * summaries and manifests, the attractor bench, example trials of the generated data, trial-averaged activity and
 * the task markers (artifact hashes, wall times). {@link org.repal.core.analysis.results.RunReader} reads and checks
 * everything before anything is computed; a missing or malformed file is an {@link IllegalArgumentException} that
 * names the file (and the line and field for tables). Nothing here writes.
 */
package org.repal.core.analysis.results;
