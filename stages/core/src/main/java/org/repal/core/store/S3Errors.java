package org.repal.core.store;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/** Turns MinIO SDK exceptions into ArtifactStoreExceptions that say what to check. */
final class S3Errors {
    /** Error codes S3 servers use for wrong or insufficient credentials. */
    private static final Set<String> ACCESS_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "InvalidSecurity", "InvalidToken", "ExpiredToken", "InvalidClientTokenId");
    /** Error codes of a server that is overloaded or briefly failing: worth another try. */
    private static final Set<String> TRANSIENT_CODES = Set.of("InternalError", "ServiceUnavailable", "SlowDown",
            "RequestTimeout", "OperationAborted");

    private S3Errors() {
    }

    /** The S3 error code of a server answer, or null for other failures. */
    static String code(Throwable e) {
        if (e instanceof ErrorResponseException && ((ErrorResponseException) e).errorResponse() != null) {
            return ((ErrorResponseException) e).errorResponse().code();
        }
        return null;
    }

    /**
     * @param where  "S3 store s3://bucket/prefix at http://host:port", the start of every message
     * @param action what was attempted, e.g. "get 'runs/x.npy'"
     * @param key    the artifact key, or null for bucket-level calls
     */
    static ArtifactStoreException map(String where, String location, String action, String key, Exception e) {
        if (e instanceof ArtifactStoreException) {
            return (ArtifactStoreException) e;
        }
        ArtifactStoreException mapped = mapOne(where, location, action, key, e);
        for (Throwable s : e.getSuppressed()) {
            if (s instanceof S3Retry.GaveUp) { // the retries' summary belongs in the one line the user reads
                return mapped instanceof ArtifactNotFoundException ? mapped
                        : new ArtifactStoreException(mapped.getMessage() + "; " + s.getMessage(), e);
            }
        }
        return mapped;
    }

    /**
     * Whether a failed call may succeed when repeated: the server could not be reached or dropped the connection,
     * timed out, or answered with a server-side error (HTTP 5xx, S3's InternalError, ServiceUnavailable, SlowDown,
     * RequestTimeout). Answers about the request itself (missing key, access denied, no such bucket, a reply that is
     * not S3) and an unknown host name are final.
     */
    static boolean isTransient(Throwable e) {
        if (e instanceof ErrorResponseException) {
            String code = code(e);
            if (code != null && TRANSIENT_CODES.contains(code)) {
                return true;
            }
            okhttp3.Response r = ((ErrorResponseException) e).response();
            return r != null && r.code() >= 500;
        }
        if (e instanceof ServerException) {
            return ((ServerException) e).statusCode() >= 500 || ((ServerException) e).statusCode() == 429;
        }
        if (e instanceof UnknownHostException || e instanceof InvalidResponseException) {
            return false;
        }
        if (e instanceof java.io.InterruptedIOException && !(e instanceof SocketTimeoutException)) {
            return false; // the thread was interrupted: stop, do not retry
        }
        // Connection refused or reset, timeouts, a stream cut short: network trouble.
        return e instanceof IOException;
    }

    /** The error in a few words for a retry line: its type and message, no request details. */
    static String brief(Throwable e) {
        String code = code(e);
        if (code != null) {
            return code;
        }
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.replace('\n', ' '));
    }

    private static ArtifactStoreException mapOne(String where, String location, String action, String key,
                                                 Exception e) {
        String code = code(e);
        if (code != null) {
            if (key != null && code.equals("NoSuchKey")) {
                return new ArtifactNotFoundException(location, key);
            }
            if (ACCESS_CODES.contains(code)) {
                return new ArtifactStoreException(where + ": access denied (" + code
                        + "): check REPAL_S3_ACCESS_KEY / REPAL_S3_SECRET_KEY and the bucket's permissions", e);
            }
            if (code.equals("AuthorizationHeaderMalformed")) {
                return new ArtifactStoreException(where + ": request rejected (" + code
                        + "): check REPAL_S3_REGION", e);
            }
            if (code.equals("NoSuchBucket")) {
                return new ArtifactStoreException(where + ": bucket does not exist (NoSuchBucket): create it "
                        + "or let the store create it (REPAL_S3_CREATE_BUCKET=true)", e);
            }
            String message = ((ErrorResponseException) e).errorResponse().message();
            return new ArtifactStoreException(where + ": " + action + " failed (" + code
                    + (message == null || message.isBlank() ? "" : ": " + message) + ")", e);
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SocketTimeoutException) {
            return new ArtifactStoreException(where + ": " + action + ": cannot reach S3 endpoint (" + e
                    + "): check REPAL_S3_ENDPOINT and that the server is running", e);
        }
        if (e instanceof InvalidResponseException) {
            return new ArtifactStoreException(where + ": " + action
                    + " got an answer that is not S3 (is REPAL_S3_ENDPOINT an S3 server?): " + e.getMessage(), e);
        }
        if (e instanceof IOException) {
            return new ArtifactStoreException(where + ": " + action + " failed (I/O error: " + e + ")", e);
        }
        return new ArtifactStoreException(where + ": " + action + " failed: " + e, e);
    }
}
