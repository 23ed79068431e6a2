/**
 * Artifact storage for the pipeline: NumPy .npy/.npz encoding ({@link org.repal.core.store.Npy},
 * {@link org.repal.core.store.Npz}) and key → bytes stores on a local folder or S3
 * ({@link org.repal.core.store.ArtifactStores#open}).
 */
package org.repal.core.store;
