package org.repal.core.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials never travel in a location string ({@code s3://KEY:SECRET@host/bucket}, an endpoint
 * {@code http://user:pass@host}): such strings end up in logs, task markers, rendered workflows and error
 * messages. S3 credentials come from the environment (or a Kubernetes Secret) only. This class finds them and
 * removes them from anything that is shown.
 */
public final class StoreLocations {
    /** {@code scheme://userinfo@}: the user-info part of a URL's authority (before the first '/'). */
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/]*)@");

    private StoreLocations() {
    }

    /** Whether the location carries user info (a key, a password) before its host. */
    public static boolean hasCredentials(String location) {
        return location != null && USER_INFO.matcher(location).find();
    }

    /** The location with any user info replaced by {@code ***}, safe to print. */
    public static String redact(String location) {
        if (location == null) {
            return null;
        }
        Matcher m = USER_INFO.matcher(location);
        return m.find() ? m.group(1) + "***@" + location.substring(m.end()) : location;
    }

    /** {@code scheme://userinfo@} anywhere in a text. */
    private static final Pattern USER_INFO_ANYWHERE = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s'\"@]*@");

    /** A message with the user info of every URL in it replaced by {@code ***}. */
    public static String redactAll(String text) {
        return text == null ? null : USER_INFO_ANYWHERE.matcher(text).replaceAll("$1***@");
    }

    /**
     * @param what the option, variable or field that gave the location (named in the error)
     * @throws IllegalArgumentException when the location holds credentials; the message shows it redacted
     */
    public static void rejectCredentials(String what, String location) {
        if (hasCredentials(location)) {
            throw new IllegalArgumentException(what + ": '" + redact(location) + "' holds credentials; give them"
                    + " through REPAL_S3_ACCESS_KEY and REPAL_S3_SECRET_KEY (on a cluster: the Kubernetes Secret),"
                    + " never in the location");
        }
    }
}
