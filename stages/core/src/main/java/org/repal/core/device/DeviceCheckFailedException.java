package org.repal.core.device;

/** The device check failed; the message is the one line the command prints before exiting with code 2. */
public final class DeviceCheckFailedException extends RuntimeException {
    public DeviceCheckFailedException(String message) {
        super(message);
    }
}
